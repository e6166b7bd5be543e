-- notification-service: which family each waiting-list offer went to (PlaceOffered carries it,
-- OfferLapsed does not), so that the lapsed offer's letter finds its addressee. One row per child
-- and session, the latest offer. A row outlives its offer: the letter about the offer's end is
-- written by the other processing group of the same processor, in no promised order after the
-- read model's handler of that same event. Rebuilt by "notification-contacts"; nothing here is sent.
-- Runs unchanged on H2 2.x and PostgreSQL 17.

CREATE TABLE notification_offer (
    session_id UUID NOT NULL,
    child_id   UUID NOT NULL,
    family_id  UUID NOT NULL,
    CONSTRAINT notification_offer_pk PRIMARY KEY (session_id, child_id)
);
