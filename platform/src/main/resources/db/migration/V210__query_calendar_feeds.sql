-- query-service: each family's calendar subscription (GET /api/calendar/{feedToken}.ics). Not a
-- read model: the family's own setting, which no event rebuilds, so a rebuild of the read models
-- leaves it alone. Only the token's SHA-256 (hex) is kept: a copy of the database does not give
-- the addresses away. One row per family: a new token replaces the old one, which stops working.

CREATE TABLE q_calendar_feed (
    family_id  UUID                     NOT NULL,
    token_hash VARCHAR(64)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT q_calendar_feed_pk PRIMARY KEY (family_id),
    CONSTRAINT q_calendar_feed_token_uk UNIQUE (token_hash)
);
