package fr.klub.query.family;

/** Families whose guardians' or children's names contain every word of {@code text} (case and accents ignored). */
record SearchFamilies(String text) {
}
