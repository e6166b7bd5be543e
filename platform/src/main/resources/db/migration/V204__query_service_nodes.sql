-- Live query-service instances (heartbeats), so that each instance claims its fair share of
-- every projection's segments: ceil(segments / live instances).
CREATE TABLE q_service_node (
    node_id      VARCHAR(255)             NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT q_service_node_pk PRIMARY KEY (node_id)
);
