-- query-service, issue 16 (erasure): an erased family's children keep their row in q_family_child
-- (rosters, waiting lists and demandes still count them, by id) with "[effacé]" for names and no
-- birth date. A rebuild after the erasure reads the family's registration without its personal
-- values (its key is destroyed), so the birth date must be allowed to be unknown.
-- Runs unchanged on H2 2.x and PostgreSQL 17.

ALTER TABLE q_family_child ALTER COLUMN birth_date DROP NOT NULL;
