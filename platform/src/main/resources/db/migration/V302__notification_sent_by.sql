-- notification-service: which sender delivered each mail (its claim, "<instance id>/<claim id>"),
-- so that operators and tests can see how several instances shared the sending.
-- Runs unchanged on H2 2.x and PostgreSQL 17.

ALTER TABLE notification ADD COLUMN sent_by VARCHAR(255);
