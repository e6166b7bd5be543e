package fr.klub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.command.EventLog.Stored;
import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.childperiod.ChildPeriodPassedOver;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;

/**
 * Replays a session's stream and its children's half-day streams, and checks the waiting-list rules
 * after every event (quota) and after every unit of work (no free place while an eligible child
 * waits). Units of work are told apart by their events' correlation id (one HTTP request each).
 * Children in {@code neverEligible} hold their half-day elsewhere for the whole run.
 */
final class WaitlistInvariants {

    private final UUID sessionId;
    private final Set<UUID> neverEligible;
    private final Set<UUID> held = new HashSet<>();
    /** Queue in order of arrival; true once offered. */
    private final Map<UUID, Boolean> queue = new LinkedHashMap<>();
    private final Map<UUID, Integer> claimsOnSession = new HashMap<>();
    /** Children passed over, once per unit of work (the skip is recorded once per unit of work). */
    private final Set<String> passedOver = new HashSet<>();
    private int quota;
    private int offers;

    WaitlistInvariants(UUID sessionId, Set<UUID> neverEligible) {
        this.sessionId = sessionId;
        this.neverEligible = neverEligible;
    }

    /** @return the number of offers made */
    int checkSession(List<Stored> stream) {
        for (int i = 0; i < stream.size(); i++) {
            Stored event = stream.get(i);
            apply(event);
            assertThat(held.size() + offered()).as("online places held + offered ≤ quota after event %d (%s)",
                    event.sequence(), event.type()).isLessThanOrEqualTo(quota);
            boolean endOfUnit = i + 1 == stream.size()
                    || !stream.get(i + 1).correlationId().equals(event.correlationId());
            if (endOfUnit && held.size() + offered() < quota) {
                assertThat(queue.entrySet()).as("a place is free after event %d: nobody eligible may wait",
                        event.sequence()).noneMatch(entry -> !entry.getValue()
                        && !neverEligible.contains(entry.getKey()));
            }
        }
        return offers;
    }

    private void apply(Stored event) {
        JsonNode payload = event.payload();
        UUID child = payload.hasNonNull("childId") ? event.uuid("childId") : null;
        if (event.is(SessionScheduled.class) || event.is(SessionQuotaChanged.class)) {
            quota = payload.path("onlineQuota").asInt();
        } else if (event.is(OnlinePlaceHeld.class)) {
            assertThat(held.add(child)).as("one online place per child").isTrue();
            claimsOnSession.merge(child, 1, Integer::sum);
        } else if (event.is(PlaceReleased.class) && "ONLINE".equals(payload.path("channel").asText())) {
            assertThat(held.remove(child)).isTrue();
        } else if (event.is(ChildQueued.class)) {
            assertThat(queue.put(child, false)).as("queued once at a time").isNull();
        } else if (event.is(PlaceOffered.class)) {
            offer(event, child);
        } else if (event.is(OfferAccepted.class)) {
            assertThat(queue.remove(child)).as("only an offer is accepted").isTrue();
            held.add(child);
        } else if (event.is(OfferDeclined.class) || event.is(OfferLapsed.class)) {
            assertThat(queue.remove(child)).as("only an offer is declined or lapses").isTrue();
        } else if (event.is(QueueEntryRemoved.class)) {
            assertThat(queue.remove(child)).isNotNull();
        }
    }

    /** First in line first: the children still waiting ahead are exactly the ones passed over. */
    private void offer(Stored event, UUID child) {
        assertThat(queue.get(child)).as("an offer goes to a waiting child, never twice").isFalse();
        assertThat(neverEligible).as("no offer to a child whose half-day is taken").doesNotContain(child);
        List<UUID> ahead = new ArrayList<>();
        for (Map.Entry<UUID, Boolean> entry : queue.entrySet()) {
            if (entry.getKey().equals(child)) {
                break;
            }
            if (!entry.getValue()) {
                ahead.add(entry.getKey());
            }
        }
        List<UUID> skipped = new ArrayList<>();
        event.payload().path("passedOver").forEach(id -> skipped.add(UUID.fromString(id.asText())));
        assertThat(skipped).as("offer %d in queue order", event.sequence()).containsExactlyElementsOf(ahead);
        skipped.forEach(id -> passedOver.add(event.correlationId() + "/" + id));
        queue.put(child, true);
        claimsOnSession.merge(child, 1, Integer::sum);
        offers++;
    }

    private int offered() {
        return (int) queue.values().stream().filter(Boolean::booleanValue).count();
    }

    /**
     * A child's half-day streams: never two live claims, one claim on this session per place held
     * or offered here, and a skip recorded for each time it was passed over.
     */
    void checkChild(UUID child, List<Stored> halfDays) {
        Map<String, Boolean> taken = new HashMap<>();
        int claimsHere = 0;
        int skipsHere = 0;
        for (Stored event : halfDays) {
            if (event.is(ChildPeriodClaimed.class)) {
                assertThat(taken.put(event.aggregateId(), true)).as("two live claims on %s", event.aggregateId())
                        .isNotEqualTo(Boolean.TRUE);
                if (event.uuid("sessionId").equals(sessionId)) {
                    claimsHere++;
                }
            } else if (event.is(ChildPeriodFreed.class)) {
                taken.put(event.aggregateId(), false);
            } else if (event.is(ChildPeriodPassedOver.class) && event.uuid("offeringSessionId").equals(sessionId)) {
                assertThat(taken.get(event.aggregateId())).as("passed over only while its half-day is taken")
                        .isTrue();
                skipsHere++;
            }
        }
        assertThat(claimsHere).as("claims of child %s on the session", child)
                .isEqualTo(claimsOnSession.getOrDefault(child, 0));
        // a unit of work that finds nobody free records its skips without an offer naming them
        assertThat(skipsHere).as("skips of child %s", child)
                .isGreaterThanOrEqualTo((int) passedOver.stream().filter(key -> key.endsWith("/" + child)).count());
    }
}
