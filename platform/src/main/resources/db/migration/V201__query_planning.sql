-- query-service read model "planning" (processing group query-planning): the planning grid and
-- the staff session roster. Facts are stored per aggregate (sessions and their places come from
-- the Session stream, demande statuses from the Demande stream) and joined when read, so that
-- segments processed in parallel, in any relative order, always converge to the same view.

CREATE TABLE q_planning_session (
    session_id   UUID         NOT NULL,
    programme_id UUID         NOT NULL,
    activity     VARCHAR(200) NOT NULL,
    session_date DATE         NOT NULL,
    period       VARCHAR(16)  NOT NULL,
    capacity     INT          NOT NULL,
    online_quota INT          NOT NULL,
    cancelled    BOOLEAN      NOT NULL,
    CONSTRAINT q_planning_session_pk PRIMARY KEY (session_id)
);

CREATE INDEX q_planning_session_programme_idx ON q_planning_session (programme_id, session_date);

-- One live place: a child in a session, online (with its demande) or on site.
CREATE TABLE q_planning_place (
    session_id UUID       NOT NULL,
    child_id   UUID       NOT NULL,
    channel    VARCHAR(8) NOT NULL,
    demande_id UUID,
    CONSTRAINT q_planning_place_pk PRIMARY KEY (session_id, child_id)
);

CREATE INDEX q_planning_place_child_idx ON q_planning_place (child_id);

CREATE TABLE q_planning_demande (
    demande_id UUID        NOT NULL,
    status     VARCHAR(16) NOT NULL,
    number     BIGINT,
    CONSTRAINT q_planning_demande_pk PRIMARY KEY (demande_id)
);
