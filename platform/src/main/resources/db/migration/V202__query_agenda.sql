-- query-service read model "agenda" (processing group query-agenda): each family's booked
-- sessions per month. Same per-aggregate facts as the planning, shaped for the agenda; the
-- children and their family come from the families read model.

CREATE TABLE q_agenda_session (
    session_id   UUID         NOT NULL,
    activity     VARCHAR(200) NOT NULL,
    session_date DATE         NOT NULL,
    period       VARCHAR(16)  NOT NULL,
    CONSTRAINT q_agenda_session_pk PRIMARY KEY (session_id)
);

CREATE TABLE q_agenda_place (
    session_id UUID       NOT NULL,
    child_id   UUID       NOT NULL,
    channel    VARCHAR(8) NOT NULL,
    demande_id UUID,
    CONSTRAINT q_agenda_place_pk PRIMARY KEY (session_id, child_id)
);

CREATE INDEX q_agenda_place_child_idx ON q_agenda_place (child_id);

CREATE TABLE q_agenda_demande (
    demande_id UUID        NOT NULL,
    status     VARCHAR(16) NOT NULL,
    CONSTRAINT q_agenda_demande_pk PRIMARY KEY (demande_id)
);
