-- query-service read models: programmes and families (reference data for the other views).
-- Written only by the query-service's projections (processing groups query-programmes and
-- query-families); every table can be wiped and rebuilt from the event store.

CREATE TABLE q_programme (
    programme_id               UUID                     NOT NULL,
    title                      VARCHAR(200)             NOT NULL,
    first_day                  DATE                     NOT NULL,
    last_day                   DATE                     NOT NULL,
    min_age                    INT                      NOT NULL,
    max_age                    INT                      NOT NULL,
    booking_opens_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    booking_closes_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    cancellation_deadline_days INT                      NOT NULL,
    time_zone                  VARCHAR(64)              NOT NULL,
    CONSTRAINT q_programme_pk PRIMARY KEY (programme_id)
);

-- search_key: guardians' and children's names, lower-case without accents, for the staff search.
CREATE TABLE q_family (
    family_id  UUID          NOT NULL,
    search_key VARCHAR(4000) NOT NULL,
    CONSTRAINT q_family_pk PRIMARY KEY (family_id)
);

CREATE TABLE q_family_guardian (
    family_id  UUID         NOT NULL,
    position   INT          NOT NULL,
    civility   VARCHAR(8)   NOT NULL,
    first_name VARCHAR(100) NOT NULL,
    last_name  VARCHAR(100) NOT NULL,
    email      VARCHAR(254) NOT NULL,
    CONSTRAINT q_family_guardian_pk PRIMARY KEY (family_id, position)
);

CREATE TABLE q_family_child (
    child_id   UUID         NOT NULL,
    family_id  UUID         NOT NULL,
    position   INT          NOT NULL,
    first_name VARCHAR(100) NOT NULL,
    last_name  VARCHAR(100) NOT NULL,
    birth_date DATE         NOT NULL,
    CONSTRAINT q_family_child_pk PRIMARY KEY (child_id)
);

CREATE INDEX q_family_child_family_idx ON q_family_child (family_id);
