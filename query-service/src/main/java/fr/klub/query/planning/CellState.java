package fr.klub.query.planning;

/** What a cell of the grid means for one child. */
enum CellState {
    /** A place is free online: clicking holds it. */
    AVAILABLE,
    /** The child holds or has this session (held in a draft, deposited, confirmed or on site). */
    RESERVED,
    /** The "(i)": the child already has another activity in this period of this date. */
    PERIOD_TAKEN,
    /** "Complet": no online place left. */
    FULL
}
