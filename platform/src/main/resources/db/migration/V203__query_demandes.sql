-- query-service read model "demandes" (processing group query-demandes): a family's demandes,
-- one demande's detail and history, the public tracking view and the staff queue.

CREATE TABLE q_demande (
    demande_id     UUID                     NOT NULL,
    family_id      UUID                     NOT NULL,
    programme_id   UUID                     NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    number         BIGINT,
    tracking_token VARCHAR(100)             NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE,
    deposited_at   TIMESTAMP WITH TIME ZONE,
    decided_at     TIMESTAMP WITH TIME ZONE,
    refusal_reason VARCHAR(1000),
    CONSTRAINT q_demande_pk PRIMARY KEY (demande_id)
);

CREATE INDEX q_demande_family_idx ON q_demande (family_id, created_at);
CREATE INDEX q_demande_status_idx ON q_demande (status, deposited_at);
CREATE INDEX q_demande_tracking_idx ON q_demande (tracking_token);

CREATE TABLE q_demande_child (
    demande_id UUID NOT NULL,
    position   INT  NOT NULL,
    child_id   UUID NOT NULL,
    CONSTRAINT q_demande_child_pk PRIMARY KEY (demande_id, position)
);

-- added_seq: the event's sequence number in the demande's stream, so reservations list in the order they were made.
CREATE TABLE q_demande_reservation (
    demande_id  UUID   NOT NULL,
    child_id    UUID   NOT NULL,
    session_id  UUID   NOT NULL,
    added_seq   BIGINT NOT NULL,
    CONSTRAINT q_demande_reservation_pk PRIMARY KEY (demande_id, child_id, session_id)
);

-- Each status is entered at most once (the status machine has no loop): keyed by status.
CREATE TABLE q_demande_history (
    demande_id UUID                     NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    entered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT q_demande_history_pk PRIMARY KEY (demande_id, status)
);

CREATE TABLE q_demande_session (
    session_id   UUID         NOT NULL,
    activity     VARCHAR(200) NOT NULL,
    session_date DATE         NOT NULL,
    period       VARCHAR(16)  NOT NULL,
    CONSTRAINT q_demande_session_pk PRIMARY KEY (session_id)
);
