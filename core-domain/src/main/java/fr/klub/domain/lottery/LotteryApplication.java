package fr.klub.domain.lottery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Repository;

import fr.klub.domain.booking.Places;
import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.GrantWish;
import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Aggregates;

/**
 * Applies a recorded draw in small steps, each idempotent (docs/decisions/domain-lottery.md,
 * "Applying the draw"): first one step per demande that was granted places (its grants, demandes in
 * the order the draw granted them), then one step per session with a waiting list (its children
 * queued in draw order, sessions in id order). The programme's {@code lottery-apply} deadline runs a
 * batch of at most {@code batchSize} steps in its own unit of work and records how far it got, so a
 * batch costs the same whatever the size of the draw.
 */
public class LotteryApplication {

    private final Repository<Demande> demandes;
    private final Places places;
    private final ChildDirectory directory;
    private final int batchSize;

    public LotteryApplication(Repository<Demande> demandes, Places places, ChildDirectory directory, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch applies at least one step");
        }
        this.demandes = demandes;
        this.places = places;
        this.directory = directory;
        this.batchSize = batchSize;
    }

    /** How many steps apply this draw: the demandes granted places, then the sessions with a waiting list. */
    public static int stepsOf(LotteryDrawn drawn) {
        return grantSteps(drawn).size() + queueSteps(drawn).size();
    }

    /**
     * Applies the steps from {@code fromStep}, at most a batch of them, in the caller's unit of work;
     * a batch never mixes grants and queues, so that it takes the sessions in one order (by id).
     *
     * @return the next step to apply ({@link #stepsOf} once the draw is applied)
     */
    public int applyBatch(LotteryDrawn drawn, int fromStep) throws Exception {
        List<List<LotteryDrawn.Granted>> grants = grantSteps(drawn);
        List<List<LotteryDrawn.Waitlisted>> queues = queueSteps(drawn);
        if (fromStep < grants.size()) {
            int to = Math.min(grants.size(), fromStep + batchSize);
            grant(grants.subList(fromStep, to), drawn.drawnAt());
            return to;
        }
        int from = fromStep - grants.size();
        int to = Math.min(queues.size(), from + batchSize);
        for (List<LotteryDrawn.Waitlisted> queue : queues.subList(Math.min(from, to), to)) {
            queue(queue, drawn.drawnAt());
        }
        return grants.size() + to;
    }

    /**
     * Sessions are taken in one global order (by id), as {@code Demande} releases them, so that a
     * batch never waits on a session another unit of work holds while it waits on ours.
     */
    private void grant(List<List<LotteryDrawn.Granted>> steps, Instant at) throws Exception {
        List<LotteryDrawn.Granted> granted = new ArrayList<>();
        steps.forEach(granted::addAll);
        granted.sort(Comparator.comparing(LotteryDrawn.Granted::sessionId).thenComparing(LotteryDrawn.Granted::childId));
        for (LotteryDrawn.Granted grant : granted) {
            Aggregates.loadOrNotFound(demandes, grant.demandeId(), "Demande inconnue.").handle(GenericCommandMessage
                    .asCommandMessage(new GrantWish(grant.demandeId(), grant.childId(), grant.sessionId(), at)));
        }
    }

    /**
     * One session's waiting list, in draw order: queuing a child already there (or with a place) is a
     * no-op. A place the draw left free while children wait (siblings who could not all get one, a
     * grant skipped) is then offered to the first in line whose half-day is free, as a place that
     * comes back would be (rule 7), rather than left to the public.
     */
    private void queue(List<LotteryDrawn.Waitlisted> queue, Instant at) throws Exception {
        for (LotteryDrawn.Waitlisted wait : queue) {
            UUID familyId = directory.familyOf(wait.childId())
                    .orElseThrow(() -> new IllegalStateException("a drawn child belongs to a registered family"));
            places.queueDrawn(wait.sessionId(), wait.childId(), familyId, at);
        }
        places.offers().offerFreePlaces(queue.get(0).sessionId(), at);
    }

    /** The granted wishes by demande, demandes in the order of their first grant. */
    private static List<List<LotteryDrawn.Granted>> grantSteps(LotteryDrawn drawn) {
        Map<UUID, List<LotteryDrawn.Granted>> byDemande = new LinkedHashMap<>();
        drawn.granted().forEach(grant -> byDemande.computeIfAbsent(grant.demandeId(), d -> new ArrayList<>()).add(grant));
        return List.copyOf(byDemande.values());
    }

    /** The waitlisted wishes by session (sessions by id), each list by position. */
    private static List<List<LotteryDrawn.Waitlisted>> queueSteps(LotteryDrawn drawn) {
        Map<UUID, List<LotteryDrawn.Waitlisted>> bySession = new TreeMap<>();
        drawn.waitlisted().forEach(wait -> bySession.computeIfAbsent(wait.sessionId(), s -> new ArrayList<>()).add(wait));
        bySession.values().forEach(list -> list.sort(Comparator.comparingInt(LotteryDrawn.Waitlisted::position)));
        return List.copyOf(bySession.values());
    }
}
