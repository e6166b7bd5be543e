package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

/**
 * What a session asks of the booking side when places come back by its own doing (a raised quota,
 * a lapsed offer): offers need the children's half-days, which the session does not hold.
 */
public interface WaitlistOffers {

    /** Offers every place now free to the first children in line whose half-day is free. */
    void offerFreePlaces(UUID sessionId, Instant at) throws Exception;

    /** The child's pending offer lapsed: it ends, the half-day is freed and the place goes to the next in line. */
    void lapse(UUID sessionId, UUID childId, Instant at) throws Exception;
}
