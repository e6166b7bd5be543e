package fr.klub.query.audit.replay;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.childperiod.ChildPeriodPassedOver;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.demande.WishGrantSkipped;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.platform.eventstore.KlubSerializers;
import fr.klub.query.audit.history.StoredEvent;

/**
 * Turns a stored payload back into the domain event record. Only the published event records
 * of core-domain are decoded, looked up by their simple name: a history file handed to the
 * offline verifier can never make it instantiate an arbitrary class.
 */
public final class DomainEvents {

    private static final Map<String, Class<?>> KNOWN = List.<Class<?>>of(
                    ProgrammeCreated.class, FamilyRegistered.class,
                    SessionScheduled.class, SessionQuotaChanged.class, SessionCancelled.class,
                    OnlinePlaceHeld.class, OnsitePlaceBooked.class, PlaceReleased.class,
                    ChildPeriodClaimed.class, ChildPeriodFreed.class, ChildPeriodPassedOver.class,
                    ChildQueued.class, PlaceOffered.class, OfferAccepted.class, OfferDeclined.class,
                    OfferLapsed.class, QueueEntryRemoved.class,
                    DemandeCreated.class, ReservationAdded.class, ReservationRemoved.class,
                    ReservationWithdrawn.class, DemandeDeposited.class, DemandeAccepted.class,
                    DemandeRefused.class, DemandeCancelled.class, DemandeExpired.class,
                    LotteryAnnounced.class, LotteryDrawn.class, LotteryApplicationProgressed.class,
                    WishRecorded.class, WishRemoved.class, WishGranted.class, WishGrantSkipped.class,
                    LotteryEntered.class)
            .stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    /** Reads payloads exactly as the event store's serializer wrote them. */
    private static final ObjectMapper READER = KlubSerializers.eventObjectMapper();

    private DomainEvents() {
    }

    /** Whether {@code type} names a published event (used to validate the {@code type} filter). */
    public static boolean isKnown(String type) {
        return type != null && KNOWN.containsKey(type);
    }

    /** Simple names of the published events, sorted. */
    public static List<String> knownTypes() {
        return KNOWN.keySet().stream().sorted().toList();
    }

    /** The fully qualified payload type of a published event's simple name. */
    public static Optional<String> payloadTypeOf(String type) {
        return Optional.ofNullable(type == null ? null : KNOWN.get(type)).map(Class::getName);
    }

    /** @return the domain event, or empty for a payload this audit does not know (it is still listed and exported). */
    public static Optional<Object> decode(StoredEvent event) {
        Class<?> type = event.type() == null ? null : KNOWN.get(event.type());
        if (type == null || event.payload() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(READER.treeToValue(event.payload(), type));
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            throw new UnreadableEventException(event.globalIndex(), event.type(), unreadable);
        }
    }
}
