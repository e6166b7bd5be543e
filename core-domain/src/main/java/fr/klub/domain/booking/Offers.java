package fr.klub.domain.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.axonframework.modelling.command.Aggregate;

import fr.klub.domain.session.EndOffer;
import fr.klub.domain.session.OfferPlace;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionSlot;
import fr.klub.domain.session.WaitlistEntry;
import fr.klub.domain.session.WaitlistOffers;

/**
 * Offers the places that come back to the first children in line whose half-day is free, in the
 * unit of work that gave them back (product.md §9). A child whose half-day is taken is passed over
 * and keeps its position; the skip is written on the half-day's stream, so that a concurrent release
 * of that half-day conflicts with this unit of work and the loser retries on fresh state.
 */
public class Offers implements WaitlistOffers {

    public static final Duration DEFAULT_OFFER_TIME = Duration.ofHours(24);

    private final Places places;
    private final Duration offerTime;

    Offers(Places places, Duration offerTime) {
        if (offerTime == null || offerTime.isNegative() || offerTime.isZero()) {
            throw new IllegalArgumentException("the time to answer an offer must be positive");
        }
        this.places = places;
        this.offerTime = offerTime;
    }

    @Override
    public void offerFreePlaces(UUID sessionId, Instant at) throws Exception {
        offerFreePlaces(places.load(sessionId), at);
    }

    @Override
    public void lapse(UUID sessionId, UUID childId, Instant at) throws Exception {
        endOffer(places.load(sessionId), childId, true, at);
    }

    void offerFreePlaces(Aggregate<Session> session, Instant at) throws Exception {
        SessionSlot slot = session.invoke(Session::slot);
        Set<UUID> passedOver = new LinkedHashSet<>();
        while (session.invoke(s -> s.placesToOffer(at)) > 0) {
            Optional<UUID> child = firstFreeInLine(session, slot, passedOver);
            if (child.isEmpty()) {
                return;
            }
            Instant startsAt = session.invoke(Session::startsAt);
            Instant expiresAt = at.plus(offerTime).isBefore(startsAt) ? at.plus(offerTime) : startsAt;
            Places.send(session, new OfferPlace(slot.sessionId(), child.get(), List.copyOf(passedOver), at, expiresAt));
        }
    }

    /** The pending offer ends (declined or lapsed): the half-day is freed and the place offered again. */
    void endOffer(Aggregate<Session> session, UUID childId, boolean lapsed, Instant at) throws Exception {
        Places.send(session, new EndOffer(session.invoke(s -> s.slot().sessionId()), childId, lapsed, at));
        placeCameBack(session, childId, at);
    }

    /** A child's offer ended without being taken: free its half-day, offer the place to the next in line. */
    void placeCameBack(Aggregate<Session> session, UUID childId, Instant at) throws Exception {
        places.free(session.invoke(Session::slot), childId);
        offerFreePlaces(session, at);
    }

    private Optional<UUID> firstFreeInLine(Aggregate<Session> session, SessionSlot slot, Set<UUID> passedOver)
            throws Exception {
        for (WaitlistEntry entry : session.invoke(Session::waitingChildren)) {
            if (passedOver.contains(entry.childId())) {
                continue;
            }
            if (places.claimForOffer(slot, entry.childId())) {
                return Optional.of(entry.childId());
            }
            passedOver.add(entry.childId());
        }
        return Optional.empty();
    }
}
