package fr.klub.domain.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import fr.klub.domain.childperiod.ChildPeriod;
import fr.klub.domain.childperiod.ChildPeriodId;
import fr.klub.domain.childperiod.ClaimForOffer;
import fr.klub.domain.childperiod.ClaimIfFree;
import fr.klub.domain.childperiod.ClaimPeriod;
import fr.klub.domain.childperiod.FreePeriod;
import fr.klub.domain.session.BookOnsitePlace;
import fr.klub.domain.session.HoldOnlinePlace;
import fr.klub.domain.session.QueueDrawnChild;
import fr.klub.domain.session.ReleasePlace;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionSlot;
import fr.klub.domain.shared.Aggregates;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;

/**
 * The single way a place is taken or given back. Taking a place changes two aggregates in the
 * caller's unit of work: the session's quota and the child's period. Both commit or neither
 * does, in one JVM or many, because the event store refuses a second event at the same
 * (aggregate, sequence) position and the loser retries on fresh state. An online place given back
 * goes, in the same unit of work, to the session's waiting list first ({@link Offers}).
 */
public class Places {

    private final Repository<Session> sessions;
    private final Repository<ChildPeriod> childPeriods;
    private final Offers offers;

    public Places(Repository<Session> sessions, Repository<ChildPeriod> childPeriods) {
        this(sessions, childPeriods, Offers.DEFAULT_OFFER_TIME);
    }

    /** @param offerTime how long a family has to answer an offered place */
    public Places(Repository<Session> sessions, Repository<ChildPeriod> childPeriods, Duration offerTime) {
        this.sessions = sessions;
        this.childPeriods = childPeriods;
        this.offers = new Offers(this, offerTime);
    }

    /** What sessions call when places come back by their own doing; register it as the {@code WaitlistOffers} component. */
    public Offers offers() {
        return offers;
    }

    /**
     * Takes an online place for a child of a draft demande; returns the online places left. Every
     * refusal — the session's first, then the child's half-day — comes before the first event, so a
     * refused click changes nothing even in memory (docs/decisions/command-group-commit.md).
     */
    public int holdOnline(UUID programmeId, UUID sessionId, UUID childId, UUID demandeId, Instant at)
            throws Exception {
        Aggregate<Session> session = load(sessionId);
        SessionSlot slot = session.invoke(Session::slot);
        if (!slot.programmeId().equals(programmeId)) {
            throw Refusal.notFound("Cette séance n'appartient pas au programme de la demande.");
        }
        if (session.invoke(s -> s.onlineDemandeOf(childId)).filter(demandeId::equals).isEmpty()) {
            refuseIfAny(session.invoke(s -> s.onlineHoldRefusal(childId, at)));
        }
        Aggregate<ChildPeriod> period = period(slot, childId);
        refuseIfAny(period.invoke(p -> p.claimRefusal(sessionId)));
        send(session, new HoldOnlinePlace(sessionId, childId, demandeId, at));
        send(period, new ClaimPeriod(periodId(slot, childId), sessionId));
        return session.invoke(Session::onlinePlacesLeft);
    }

    /**
     * The draw's grant (docs/decisions/domain-lottery.md): takes the online place as {@link #holdOnline}
     * does, but a place that can no longer be taken — the child's half-day held by another session
     * meanwhile, the session cancelled, closed or full — is answered, not thrown, and changes nothing:
     * every check is read before the first event, so the rest of the draw goes on.
     *
     * @return why the place was not taken, or empty once it is held (or was already, by this demande)
     */
    public Optional<Refusal> grantOnline(UUID programmeId, UUID sessionId, UUID childId, UUID demandeId, Instant at)
            throws Exception {
        Aggregate<Session> session = load(sessionId);
        SessionSlot slot = session.invoke(Session::slot);
        if (!slot.programmeId().equals(programmeId)) {
            throw new IllegalStateException("a draw grants only sessions of its programme");
        }
        if (session.invoke(s -> s.onlineDemandeOf(childId)).filter(demandeId::equals).isPresent()) {
            return Optional.empty();
        }
        Optional<Refusal> refusal = session.invoke(s -> s.onlineHoldRefusal(childId, at));
        if (refusal.isPresent()) {
            return refusal;
        }
        ChildPeriodId period = new ChildPeriodId(childId, slot.date(), slot.period());
        if (!(Boolean) send(childPeriods.loadOrCreate(period.toString(), ChildPeriod::new),
                new ClaimIfFree(period, sessionId))) {
            return Optional.of(new Refusal(RefusalCode.PERIOD_ALREADY_BOOKED,
                    "L'enfant a déjà une activité sur ce créneau."));
        }
        send(session, new HoldOnlinePlace(sessionId, childId, demandeId, at));
        return Optional.empty();
    }

    /** Where and when a session of the programme takes place (a wish takes no place). */
    public SessionSlot slotIn(UUID programmeId, UUID sessionId) {
        SessionSlot slot = load(sessionId).invoke(Session::slot);
        if (!slot.programmeId().equals(programmeId)) {
            throw Refusal.notFound("Cette séance n'appartient pas au programme de la demande.");
        }
        return slot;
    }

    /** A wish the draw did not grant joins the session's waiting list (see {@link QueueDrawnChild}). */
    public void queueDrawn(UUID sessionId, UUID childId, UUID familyId, Instant at) throws Exception {
        send(load(sessionId), new QueueDrawnChild(sessionId, childId, familyId, at));
    }

    public int onlinePlacesLeft(UUID sessionId) {
        return load(sessionId).invoke(Session::onlinePlacesLeft);
    }

    /** Takes an on-site place (staff at the desk); returns whether it is new. Refusals come first, as in {@link #holdOnline}. */
    public boolean bookOnsite(UUID sessionId, UUID childId, Instant at) throws Exception {
        Aggregate<Session> session = load(sessionId);
        if (session.invoke(s -> s.hasOnsitePlace(childId))) {
            return false;
        }
        refuseIfAny(session.invoke(s -> s.onsiteBookingRefusal(childId, at)));
        SessionSlot slot = session.invoke(Session::slot);
        Aggregate<ChildPeriod> period = period(slot, childId);
        refuseIfAny(period.invoke(p -> p.claimRefusal(sessionId)));
        send(session, new BookOnsitePlace(sessionId, childId, at));
        send(period, new ClaimPeriod(periodId(slot, childId), sessionId));
        return true;
    }

    /**
     * Gives a child's place back, session and period together, and offers an online place to the
     * waiting list; returns whether there was a place.
     */
    public boolean release(UUID sessionId, UUID childId, ReleaseReason reason, Instant at) throws Exception {
        Aggregate<Session> session = load(sessionId);
        boolean online = session.invoke(s -> s.onlineDemandeOf(childId).isPresent());
        boolean released = (Boolean) send(session, new ReleasePlace(sessionId, childId, reason, at));
        if (released) {
            free(session.invoke(Session::slot), childId);
            if (online) {
                offers.offerFreePlaces(session, at);
            }
        }
        return released;
    }

    /** Frees the child's period after the session gave the place back by itself (session cancelled). */
    void free(SessionSlot slot, UUID childId) throws Exception {
        ChildPeriodId id = new ChildPeriodId(childId, slot.date(), slot.period());
        send(childPeriods.load(id.toString()), new FreePeriod(id, slot.sessionId()));
    }

    Aggregate<Session> load(UUID sessionId) {
        return load(sessionId, "Séance inconnue.");
    }

    Aggregate<Session> load(UUID sessionId, String notFoundDetail) {
        return Aggregates.loadOrNotFound(sessions, sessionId, notFoundDetail);
    }

    private Aggregate<ChildPeriod> period(SessionSlot slot, UUID childId) throws Exception {
        return childPeriods.loadOrCreate(periodId(slot, childId).toString(), ChildPeriod::new);
    }

    private static ChildPeriodId periodId(SessionSlot slot, UUID childId) {
        return new ChildPeriodId(childId, slot.date(), slot.period());
    }

    private static void refuseIfAny(Optional<Refusal> refusal) {
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** @return whether the child's half-day was free and is now claimed by the slot's session (else: passed over). */
    boolean claimForOffer(SessionSlot slot, UUID childId) throws Exception {
        ChildPeriodId id = new ChildPeriodId(childId, slot.date(), slot.period());
        return (Boolean) send(childPeriods.loadOrCreate(id.toString(), ChildPeriod::new),
                new ClaimForOffer(id, slot.sessionId()));
    }

    static Object send(Aggregate<?> aggregate, Object command) throws Exception {
        return aggregate.handle(GenericCommandMessage.asCommandMessage(command));
    }
}
