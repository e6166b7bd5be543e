-- query-service read model "programmes" (processing group query-programmes): the programmes
-- allocated by lottery (LotteryAnnounced) and the end of their wish window; a programme without a
-- row is first-come. Kept apart from q_programme so that q_programme's shape does not change.
CREATE TABLE q_programme_lottery (
    programme_id    UUID                     NOT NULL,
    wishes_close_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT q_programme_lottery_pk PRIMARY KEY (programme_id)
);
