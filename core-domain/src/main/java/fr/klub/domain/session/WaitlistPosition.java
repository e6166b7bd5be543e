package fr.klub.domain.session;

/** A child's place in a waiting list (1 = next to be offered a place); {@code joined}: new entry. */
public record WaitlistPosition(boolean joined, int position) {
}
