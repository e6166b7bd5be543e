package fr.klub.domain.testing;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import fr.klub.domain.booking.Places;
import fr.klub.domain.session.WaitlistOffers;

/**
 * The sessions' {@link WaitlistOffers}, resolved when first used: a session's handlers take the
 * offers, and the offers take the sessions' repository, which must exist first (an Axon
 * configuration or a fixture builds the repository from the handlers' parameters).
 */
public final class OffersOnUse implements WaitlistOffers {

    private final Supplier<Places> places;

    public OffersOnUse(Supplier<Places> places) {
        this.places = places;
    }

    @Override
    public void offerFreePlaces(UUID sessionId, Instant at) throws Exception {
        places.get().offers().offerFreePlaces(sessionId, at);
    }

    @Override
    public void lapse(UUID sessionId, UUID childId, Instant at) throws Exception {
        places.get().offers().lapse(sessionId, childId, at);
    }
}
