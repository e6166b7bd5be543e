package fr.klub.query.audit.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.WishGrantSkipped;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.lottery.DrawOutcome;
import fr.klub.domain.lottery.LotteryAllocator;
import fr.klub.domain.lottery.LotteryWish;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.shared.Period;

/**
 * A lottery's history written by hand, as the command side writes it: the commitment, families'
 * wishes deposited inside the window, then a draw and its consequences (places held by the
 * demandes, children queued in draw order). The draw may be the genuine one (the allocation of the
 * seed) or a forged one, whose consequences follow the forgery so that only rule 8 can tell.
 */
public final class LotteryHistory {

    /** One wish of a child: the session (on {@link CraftedHistory#DAY}), its half-day and rank. */
    public record Wish(UUID childId, UUID sessionId, Period period, int rank) {
    }

    public final UUID programme = UUID.randomUUID();
    public final byte[] seed = HexFormat.of().parseHex("5eed".repeat(16));
    public final Instant wishesCloseAt = CraftedHistory.OPENS.plus(Duration.ofDays(7));
    private final CraftedHistory history = new CraftedHistory();
    private final List<LotteryWish> wishes = new ArrayList<>();
    private final Map<UUID, Integer> places = new HashMap<>();
    private final Map<UUID, Period> periods = new HashMap<>();
    private final Map<UUID, UUID> familyOfChild = new HashMap<>();

    public LotteryHistory() {
        history.transaction("staff-1", "STAFF").append(programme.toString(), "Programme",
                new LotteryAnnounced(programme, wishesCloseAt, Lottery.commitmentOf(seed)));
    }

    public LotteryHistory session(UUID sessionId, Period period, int capacity, int onlineQuota) {
        history.session(sessionId, period, capacity, onlineQuota);
        places.put(sessionId, onlineQuota);
        periods.put(sessionId, period);
        return this;
    }

    /** A family's demande with its wishes, deposited inside the window (it enters the draw). */
    public LotteryHistory family(UUID familyId, UUID demandeId, Wish... wished) {
        Set<UUID> children = new LinkedHashSet<>();
        for (Wish wish : wished) {
            children.add(wish.childId());
            familyOfChild.put(wish.childId(), familyId);
        }
        Instant at = CraftedHistory.OPENS.plus(Duration.ofDays(1));
        history.transaction("parent-1", "PARENT").append(demandeId.toString(), "Demande",
                new DemandeCreated(demandeId, familyId, programme, List.copyOf(children), "token-" + demandeId, at,
                        at.plus(Duration.ofMinutes(30))));
        for (Wish wish : wished) {
            history.transaction("parent-1", "PARENT").append(demandeId.toString(), "Demande",
                    new WishRecorded(demandeId, wish.childId(), wish.sessionId(), CraftedHistory.DAY, wish.period(),
                            wish.rank()));
            wishes.add(new LotteryWish(demandeId, familyId, wish.childId(), wish.sessionId(), CraftedHistory.DAY,
                    wish.period(), wish.rank()));
        }
        history.transaction("parent-1", "PARENT")
                .append(demandeId.toString(), "Demande", new DemandeDeposited(demandeId, familyId, wishes.size(), at,
                        "token-" + demandeId, List.of()))
                .append(demandeId.toString(), "Demande", new LotteryEntered(demandeId, familyId, programme, at));
        return this;
    }

    /** What the seed gives on the wishes and places written so far. */
    public DrawOutcome outcome() {
        return outcomeWith(seed);
    }

    public DrawOutcome outcomeWith(byte[] anySeed) {
        return LotteryAllocator.allocate(anySeed, wishes, places);
    }

    public LotteryHistory genuineDraw() {
        return draw(HexFormat.of().formatHex(seed), outcome());
    }

    /** Records this draw and applies it: each grant a place held by its demande, the others queued in order. */
    public LotteryHistory draw(String revealedSeed, DrawOutcome outcome) {
        history.transaction("system", "SYSTEM").append(programme.toString(), "Programme",
                new LotteryDrawn(programme, revealedSeed, wishesCloseAt, outcome.familyOrder(), outcome.granted(),
                        outcome.waitlisted()));
        for (LotteryDrawn.Granted grant : outcome.granted()) {
            history.append(grant.sessionId().toString(), "Session",
                    new OnlinePlaceHeld(grant.sessionId(), grant.childId(), grant.demandeId()));
            history.claim(grant.childId(), grant.sessionId(), periods.get(grant.sessionId()));
            history.append(grant.demandeId().toString(), "Demande",
                    new WishGranted(grant.demandeId(), grant.childId(), grant.sessionId()));
        }
        for (LotteryDrawn.Waitlisted wait : outcome.waitlisted()) {
            history.append(wait.sessionId().toString(), "Session", new ChildQueued(wait.sessionId(), wait.childId(),
                    familyOfChild.get(wait.childId()), wishesCloseAt));
        }
        return this;
    }

    /**
     * Records this draw as the command side now does: the draw and the start of its application, then
     * its steps — each demande's grants, then each session's waiting list — each in a transaction of its
     * own with the programme's progress, stopping after {@code stepsToApply}. A grant in {@code skipped}
     * is recorded as skipped by its demande; one in {@code forgotten} is not applied at all (a forged
     * application).
     */
    public LotteryHistory drawInSteps(DrawOutcome outcome, int stepsToApply, Set<LotteryDrawn.Granted> skipped,
                                      Set<LotteryDrawn.Granted> forgotten) {
        Map<UUID, List<LotteryDrawn.Granted>> byDemande = new LinkedHashMap<>();
        outcome.granted().forEach(g -> byDemande.computeIfAbsent(g.demandeId(), d -> new ArrayList<>()).add(g));
        Map<UUID, List<LotteryDrawn.Waitlisted>> bySession = new TreeMap<>();
        outcome.waitlisted().forEach(w -> bySession.computeIfAbsent(w.sessionId(), s -> new ArrayList<>()).add(w));
        int steps = byDemande.size() + bySession.size();
        history.transaction("staff-1", "STAFF")
                .append(programme.toString(), "Programme", new LotteryDrawn(programme, HexFormat.of().formatHex(seed),
                        wishesCloseAt, outcome.familyOrder(), outcome.granted(), outcome.waitlisted()))
                .append(programme.toString(), "Programme", new LotteryApplicationProgressed(programme, 0, steps));
        List<Runnable> stepWriters = new ArrayList<>();
        byDemande.values().forEach(grants -> stepWriters.add(() -> grants.forEach(grant -> {
            if (skipped.contains(grant)) {
                history.append(grant.demandeId().toString(), "Demande", new WishGrantSkipped(grant.demandeId(),
                        grant.childId(), grant.sessionId(), "PERIOD_ALREADY_BOOKED"));
            } else if (!forgotten.contains(grant)) {
                history.append(grant.sessionId().toString(), "Session",
                        new OnlinePlaceHeld(grant.sessionId(), grant.childId(), grant.demandeId()));
                history.claim(grant.childId(), grant.sessionId(), periods.get(grant.sessionId()));
                history.append(grant.demandeId().toString(), "Demande",
                        new WishGranted(grant.demandeId(), grant.childId(), grant.sessionId()));
            }
        })));
        bySession.values().forEach(queue -> stepWriters.add(() -> queue.forEach(wait -> history.append(
                wait.sessionId().toString(), "Session", new ChildQueued(wait.sessionId(), wait.childId(),
                        familyOfChild.get(wait.childId()), wishesCloseAt)))));
        for (int step = 0; step < Math.min(stepsToApply, steps); step++) {
            history.transaction("system", "SYSTEM");
            stepWriters.get(step).run();
            history.append(programme.toString(), "Programme", new LotteryApplicationProgressed(programme, step + 1,
                    steps));
        }
        return this;
    }

    public CraftedHistory history() {
        return history;
    }

    public List<Violation> check() {
        return history.check();
    }
}
