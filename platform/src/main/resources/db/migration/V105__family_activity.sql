-- command-service, issue 16 (retention): when each family last took a place (or registered), written by a
-- subscribing handler in the transaction that appends the event, so the retention job never erases a family
-- that has just booked. Read by the retention job (command-service) and its dry run (query-service,
-- GET /api/staff/retention), so that the list shows exactly what the job will do.
-- Families registered before this migration start their retention period now: the history is not
-- re-read here, which can only delay an erasure, never hasten one (docs/decisions/privacy-rights.md).
-- Runs unchanged on H2 2.x and PostgreSQL 17.

CREATE TABLE family_activity (
    family_id           UUID                     NOT NULL,
    last_reservation_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT family_activity_pk PRIMARY KEY (family_id)
);

CREATE INDEX family_activity_last_idx ON family_activity (last_reservation_at);

INSERT INTO family_activity (family_id, last_reservation_at)
SELECT family_id, CURRENT_TIMESTAMP FROM child_directory GROUP BY family_id;
