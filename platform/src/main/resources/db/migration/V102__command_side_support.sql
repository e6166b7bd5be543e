-- Demande numbers: positive, unique and increasing in deposit order across every
-- command-service instance (a database sequence, shared by all JVMs).
CREATE SEQUENCE demande_number_seq START WITH 1 INCREMENT BY 1;

-- Which family a child belongs to (fr.klub.domain.family.ChildDirectory), written by the
-- command side in the same transaction as FamilyRegistered.
CREATE TABLE child_directory (
    child_id  UUID NOT NULL,
    family_id UUID NOT NULL,
    CONSTRAINT child_directory_pk PRIMARY KEY (child_id)
);

CREATE INDEX child_directory_family_idx ON child_directory (family_id);

-- db-scheduler 16.x (persistent deadlines through Axon's DbSchedulerDeadlineManager).
-- Same columns as db-scheduler's PostgreSQL schema; VARCHAR instead of TEXT so that H2 accepts
-- the primary key (TEXT is a CLOB there).
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(255)             NOT NULL,
    task_instance        VARCHAR(255)             NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            VARCHAR(255),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    CONSTRAINT scheduled_tasks_pk PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
