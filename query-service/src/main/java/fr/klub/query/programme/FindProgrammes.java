package fr.klub.query.programme;

/** Every programme, newest first. */
record FindProgrammes() {
}
