-- notification-service: the small read model the e-mails are written from (who to write to,
-- when a demande was deposited, what a session is and who is booked on it). Rebuilt from the
-- history by the replayable processing group "notification-contacts"; nothing here is sent.
-- Runs unchanged on H2 2.x and PostgreSQL 17.

CREATE TABLE notification_guardian (
    family_id      UUID         NOT NULL,
    guardian_index INTEGER      NOT NULL,
    civility       VARCHAR(8)   NOT NULL,
    first_name     VARCHAR(100) NOT NULL,
    last_name      VARCHAR(100) NOT NULL,
    email          VARCHAR(254),
    CONSTRAINT notification_guardian_pk PRIMARY KEY (family_id, guardian_index)
);

CREATE TABLE notification_child (
    child_id   UUID         NOT NULL,
    family_id  UUID         NOT NULL,
    first_name VARCHAR(100) NOT NULL,
    CONSTRAINT notification_child_pk PRIMARY KEY (child_id)
);

CREATE TABLE notification_demande (
    demande_id     UUID                     NOT NULL,
    family_id      UUID                     NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE,
    demande_number BIGINT,
    deposited_at   TIMESTAMP WITH TIME ZONE,
    tracking_token VARCHAR(255),
    CONSTRAINT notification_demande_pk PRIMARY KEY (demande_id)
);

CREATE TABLE notification_session (
    session_id   UUID         NOT NULL,
    activity     VARCHAR(255) NOT NULL,
    session_date DATE         NOT NULL,
    period       VARCHAR(16)  NOT NULL,
    cancelled    BOOLEAN      NOT NULL,
    CONSTRAINT notification_session_pk PRIMARY KEY (session_id)
);

-- Live places only: a released place is deleted. demande_id is null for an on-site booking.
CREATE TABLE notification_booking (
    session_id UUID NOT NULL,
    child_id   UUID NOT NULL,
    demande_id UUID,
    CONSTRAINT notification_booking_pk PRIMARY KEY (session_id, child_id)
);
