-- Lottery wishes on the read side (issue 15, product.md §10).

-- read model "planning" (processing group query-planning): a lottery programme's wish window and
-- the wishes recorded in every demande (not removed). The grid shows the counts and each child's
-- wish (WISHED + rank) until the draw; after it, granted wishes are places and the others queue
-- entries, as any place or queue entry.
CREATE TABLE q_planning_lottery (
    programme_id    UUID                     NOT NULL,
    wishes_close_at TIMESTAMP WITH TIME ZONE NOT NULL,
    drawn           BOOLEAN                  NOT NULL,
    CONSTRAINT q_planning_lottery_pk PRIMARY KEY (programme_id)
);

CREATE TABLE q_planning_wish (
    demande_id UUID NOT NULL,
    child_id   UUID NOT NULL,
    session_id UUID NOT NULL,
    wish_rank  INT  NOT NULL,
    CONSTRAINT q_planning_wish_pk PRIMARY KEY (demande_id, child_id, session_id)
);

CREATE INDEX q_planning_wish_session_idx ON q_planning_wish (session_id);
CREATE INDEX q_planning_wish_child_idx ON q_planning_wish (child_id);

-- read model "demandes" (processing group query-demandes): a demande's wishes, listed with their
-- rank in its detail (a deposited demande with wishes only is not empty). added_seq: the event's
-- sequence number in the demande's stream. A wish the draw granted leaves this table for
-- q_demande_reservation. q_demande_draw: the programmes already drawn (the wishes left are not granted).
CREATE TABLE q_demande_wish (
    demande_id UUID   NOT NULL,
    child_id   UUID   NOT NULL,
    session_id UUID   NOT NULL,
    wish_rank  INT    NOT NULL,
    added_seq  BIGINT NOT NULL,
    CONSTRAINT q_demande_wish_pk PRIMARY KEY (demande_id, child_id, session_id)
);

CREATE TABLE q_demande_draw (
    programme_id UUID                     NOT NULL,
    drawn_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT q_demande_draw_pk PRIMARY KEY (programme_id)
);
