-- Which demandes entered a lottery's draw (fr.klub.domain.lottery.LotteryEntries), written by the
-- command side in the same transaction as LotteryEntered.
CREATE TABLE lottery_entries (
    demande_id   UUID                     NOT NULL,
    programme_id UUID                     NOT NULL,
    deposited_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT lottery_entries_pk PRIMARY KEY (demande_id)
);

CREATE INDEX lottery_entries_programme_idx ON lottery_entries (programme_id);

-- A lottery programme's secret seed: only its SHA-256 is in the event store until the draw
-- reveals it. Never exported, never logged.
CREATE TABLE lottery_seeds (
    programme_id UUID  NOT NULL,
    seed         BYTEA NOT NULL,
    CONSTRAINT lottery_seeds_pk PRIMARY KEY (programme_id)
);
