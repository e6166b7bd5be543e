-- query-service read model "planning" (processing group query-planning): each session's waiting
-- list, from the Session stream only. An entry is WAITING until it is offered (offer_expires_at set),
-- and leaves the table when the offer is accepted, declined or lapses, or the entry is removed.
-- queue_seq is the ChildQueued event's sequence number in the session's stream: the queue's order,
-- the same on every replay. Positions (1 + WAITING entries ahead) are counted when read.

CREATE TABLE q_planning_waitlist (
    session_id       UUID                     NOT NULL,
    child_id         UUID                     NOT NULL,
    family_id        UUID                     NOT NULL,
    queued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    queue_seq        BIGINT                   NOT NULL,
    offered_at       TIMESTAMP WITH TIME ZONE,
    offer_expires_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT q_planning_waitlist_pk PRIMARY KEY (session_id, child_id)
);

CREATE INDEX q_planning_waitlist_family_idx ON q_planning_waitlist (family_id);
CREATE INDEX q_planning_waitlist_child_idx ON q_planning_waitlist (child_id);
