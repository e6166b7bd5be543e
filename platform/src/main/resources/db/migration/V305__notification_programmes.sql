-- notification-service: each programme's title (from ProgrammeCreated), so that the lottery's
-- result letter names the programme it was drawn for (LotteryDrawn carries only its id).
-- Rebuilt by "notification-contacts"; nothing here is sent. Runs unchanged on H2 2.x and PostgreSQL 17.

CREATE TABLE notification_programme (
    programme_id UUID         NOT NULL,
    title        VARCHAR(255) NOT NULL,
    CONSTRAINT notification_programme_pk PRIMARY KEY (programme_id)
);
