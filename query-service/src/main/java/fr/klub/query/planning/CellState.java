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
    FULL,
    /** The child is in this session's waiting list ({@code waitlistPosition}: 1 = next). */
    WAITLISTED,
    /** A place of this session is offered to the child until {@code offerExpiresAt}: accept or decline. */
    OFFERED,
    /** A lottery's wish window: the child wished this session ({@code rank}); the draw decides. */
    WISHED
}
