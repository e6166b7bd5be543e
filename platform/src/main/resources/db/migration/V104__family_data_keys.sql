-- Per-family data keys of the crypto-shredding (product.md §11, docs/decisions/privacy-crypto-shredding.md).
-- Each family's personal values in the events are encrypted (AES-256-GCM) with its own key, stored here
-- wrapped (AES-GCM) by the master key named by master_key_id, which only the configuration holds.
-- Erasure destroys the key: wrapped_key and master_key_id become NULL and destroyed_at records when; the
-- row stays as a tombstone, so no new key is ever made for an erased family.
-- This table is backed up and restored WITH the event store: events without their keys are unreadable.
-- Runs unchanged on H2 2.x and PostgreSQL 17.

CREATE TABLE family_data_key (
    family_id     UUID                     NOT NULL,
    master_key_id VARCHAR(64),
    wrapped_key   BYTEA,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    destroyed_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT family_data_key_pk PRIMARY KEY (family_id),
    CONSTRAINT family_data_key_state_ck CHECK (
        (wrapped_key IS NOT NULL AND master_key_id IS NOT NULL AND destroyed_at IS NULL)
        OR (wrapped_key IS NULL AND master_key_id IS NULL AND destroyed_at IS NOT NULL))
);
