package fr.klub.query.calendar;

/** The family's private subscription address: whoever has it reads the family's agenda. */
record FeedAddress(String url) {
}
