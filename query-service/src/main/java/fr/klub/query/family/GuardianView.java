package fr.klub.query.family;

/** A guardian as staff and the family itself see them. */
record GuardianView(String civility, String firstName, String lastName, String email) {
}
