-- Rebuilds of query-service read models asked by staff. The instance that received the request
-- writes it here; the other instances see it on their next heartbeat, pause that projection's
-- processor (releasing their token claims) and resume it once the request is no longer REQUESTED.
CREATE TABLE q_projection_rebuild (
    processing_group VARCHAR(255)             NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    requested_by     VARCHAR(255)             NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT q_projection_rebuild_pk PRIMARY KEY (processing_group)
);
