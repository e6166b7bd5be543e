package fr.klub.query.audit.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.lottery.DrawOutcome;
import fr.klub.domain.lottery.LotteryAllocator;
import fr.klub.domain.lottery.LotteryWish;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.shared.ReservationRef;

/**
 * Rule 8 of product.md §10, "the draw is reproducible", judged when the history reaches a
 * {@code LotteryDrawn}: the revealed seed must hash to the commitment published with the programme,
 * and the recorded allocation must be the one {@link LotteryAllocator} gives with that seed on the
 * history as it stood — the wishes of the demandes that entered the draw (deposited before the
 * wishes closed, still deposited) and each wished session's online places left. It reads them from
 * the replay's own folds, exactly as the command side's {@code LotteryDraw} reads its aggregates.
 * <p>
 * A draw applied in steps ({@code LotteryApplicationProgressed}) is judged again when its last step is
 * recorded: every grant of the draw held or explicitly skipped by its demande, no grant outside it,
 * and each waiting list queued in the draw's order (a child left out only if the session was
 * cancelled or the child has a place in it). A draw still being applied is not judged on that.
 */
public final class LotteryDraws {

    /** Reports a breach of rule 8 on a programme, in words. */
    public interface Breach {
        void report(UUID programmeId, String detail);
    }

    private final Function<UUID, SessionFold> sessions;
    private final Map<UUID, DemandeFold> demandes;
    private final Breach breach;
    private final Map<UUID, LotteryAnnounced> lotteries = new HashMap<>();
    private final Map<UUID, DrawProof> proofs = new LinkedHashMap<>();
    /** Each programme's recorded draw: the grants its application may make. */
    private final Map<UUID, Set<LotteryDrawn.Granted>> grantsOfDraw = new HashMap<>();
    private final Map<UUID, LotteryDrawn> recorded = new HashMap<>();
    /** Draws being applied in steps, by programme and by waitlisted session. */
    private final Map<UUID, Application> applying = new HashMap<>();
    private final Map<UUID, Application> applyingSessions = new HashMap<>();

    /**
     * @param sessions the replay's sessions by id (null when never seen)
     * @param demandes every demande of the replay by id, as they stand when a draw is met
     */
    public LotteryDraws(Function<UUID, SessionFold> sessions, Map<UUID, DemandeFold> demandes, Breach breach) {
        this.sessions = sessions;
        this.demandes = demandes;
        this.breach = breach;
    }

    /**
     * Feeds a programme's lottery event ({@code LotteryAnnounced}, {@code LotteryDrawn},
     * {@code LotteryApplicationProgressed}); others are ignored.
     */
    public void accept(Object event) {
        if (event instanceof LotteryAnnounced announced) {
            lotteries.put(announced.programmeId(), announced);
        } else if (event instanceof LotteryDrawn drawn && !proofs.containsKey(drawn.programmeId())) {
            proofs.put(drawn.programmeId(), judge(drawn));
            recorded.put(drawn.programmeId(), drawn);
            grantsOfDraw.put(drawn.programmeId(), new HashSet<>(drawn.granted()));
        } else if (event instanceof LotteryDrawn drawn) {
            breach.report(drawn.programmeId(), "le programme est tiré au sort une seconde fois");
        } else if (event instanceof LotteryApplicationProgressed progressed) {
            progress(progressed);
        }
    }

    /** A child joined a session's queue: during a draw's application, only the draw queues. */
    public void queued(ChildQueued event) {
        Application application = applyingSessions.get(event.sessionId());
        if (application != null) {
            application.queued.computeIfAbsent(event.sessionId(), s -> new ArrayList<>()).add(event.childId());
        }
    }

    /** A demande recorded a grant of the draw, held ({@code WishGranted}) or skipped: it must be one of the draw's. */
    public void grantApplied(DemandeFold demande, UUID childId, UUID sessionId) {
        Set<LotteryDrawn.Granted> grants = grantsOfDraw.get(demande.programmeId());
        if (grants == null) {
            breach.report(demande.programmeId(), "place accordée par tirage à la demande " + demande.demandeId()
                    + " (enfant " + childId + ", séance " + sessionId + ") alors que le programme n'a pas été tiré");
        } else if (!grants.contains(new LotteryDrawn.Granted(demande.demandeId(), childId, sessionId))) {
            breach.report(demande.programmeId(), "place accordée par tirage à la demande " + demande.demandeId()
                    + " (enfant " + childId + ", séance " + sessionId + ") qui ne figure pas dans le tirage");
        }
    }

    private void progress(LotteryApplicationProgressed progressed) {
        UUID programmeId = progressed.programmeId();
        LotteryDrawn drawn = recorded.get(programmeId);
        if (drawn == null) {
            breach.report(programmeId, "application d'un tirage qui n'a jamais été enregistré");
            return;
        }
        Application application = applying.get(programmeId);
        if (application == null && progressed.stepsApplied() == 0) {
            application = new Application(drawn);
            applying.put(programmeId, application);
            for (LotteryDrawn.Waitlisted wait : drawn.waitlisted()) {
                applyingSessions.put(wait.sessionId(), application);
            }
        }
        if (application != null && progressed.finished()) {
            applying.remove(programmeId);
            applyingSessions.values().removeIf(application::equals);
            List<String> differences = application.differences();
            if (!differences.isEmpty()) {
                breach.report(programmeId, "l'application du tirage, terminée, diffère du tirage enregistré : "
                        + String.join(" ; ", differences));
            }
        }
    }

    /** A draw being applied in steps: what its application did so far, judged against the draw at its end. */
    private final class Application {

        private final LotteryDrawn drawn;
        /** Session → the children queued there since the draw, in order. */
        private final Map<UUID, List<UUID>> queued = new HashMap<>();

        Application(LotteryDrawn drawn) {
            this.drawn = drawn;
        }

        List<String> differences() {
            List<String> differences = new ArrayList<>();
            List<LotteryDrawn.Granted> notApplied = drawn.granted().stream().filter(grant -> {
                DemandeFold demande = demandes.get(grant.demandeId());
                return demande == null || !demande.grantApplied(new ReservationRef(grant.childId(), grant.sessionId()));
            }).toList();
            if (!notApplied.isEmpty()) {
                differences.add(notApplied.size() + " place(s) accordée(s) ni tenue(s) ni écartée(s) par leur demande, dont "
                        + words(notApplied.get(0)));
            }
            Map<UUID, List<LotteryDrawn.Waitlisted>> bySession = new LinkedHashMap<>();
            drawn.waitlisted().stream().sorted(Comparator.comparingInt(LotteryDrawn.Waitlisted::position))
                    .forEach(wait -> bySession.computeIfAbsent(wait.sessionId(), s -> new ArrayList<>()).add(wait));
            bySession.forEach((sessionId, expected) -> queueDifference(sessionId, expected).ifPresent(differences::add));
            return differences;
        }

        /** The draw's queue, in order, minus the children it could not queue (session cancelled, child with a place there). */
        private Optional<String> queueDifference(UUID sessionId, List<LotteryDrawn.Waitlisted> expected) {
            SessionFold session = sessions.apply(sessionId);
            List<UUID> wanted = expected.stream().map(LotteryDrawn.Waitlisted::childId)
                    .filter(child -> !leftOutRightly(session, child)
                            || queued.getOrDefault(sessionId, List.of()).contains(child))
                    .toList();
            List<UUID> actual = queued.getOrDefault(sessionId, List.of());
            if (actual.equals(wanted)) {
                return Optional.empty();
            }
            return Optional.of("la liste d'attente de la séance " + sessionId + " compte " + actual.size()
                    + " enfant(s) inscrit(s) par le tirage, " + wanted.size() + " attendu(s) dans l'ordre du tirage");
        }

        private boolean leftOutRightly(SessionFold session, UUID child) {
            return session == null || session.cancelled() || session.online().containsKey(child)
                    || session.onsite().containsKey(child);
        }
    }

    /** The programme's draw as recomputed when the replay met it. */
    public Optional<DrawProof> proofOf(UUID programmeId) {
        return Optional.ofNullable(proofs.get(programmeId));
    }

    /** Every draw met so far, in history order: what the verification report lists. */
    public List<Checked> checked() {
        return proofs.entrySet().stream()
                .map(draw -> new Checked(draw.getKey(), draw.getValue().commitmentMatches(), draw.getValue().reproduced()))
                .toList();
    }

    /** One draw as the verification report lists it. */
    public record Checked(UUID programmeId, boolean commitmentMatches, boolean reproduced) {
    }

    private DrawProof judge(LotteryDrawn drawn) {
        LotteryAnnounced lottery = lotteries.get(drawn.programmeId());
        byte[] seed = hex(drawn.seed());
        if (lottery == null || seed == null) {
            breach.report(drawn.programmeId(), lottery == null
                    ? "tirage au sort d'un programme qui n'a jamais publié d'engagement sur sa graine"
                    : "la graine révélée par le tirage n'est pas de l'hexadécimal : le tirage ne peut pas être refait");
            return new DrawProof(lottery == null ? null : lottery.seedCommitment(), drawn.seed(), drawn.drawnAt(),
                    List.of(), List.of(), List.of(), false, false);
        }
        boolean commitmentMatches = Lottery.commitmentOf(seed).equals(lottery.seedCommitment());
        if (!commitmentMatches) {
            breach.report(drawn.programmeId(), "la graine révélée ne correspond pas à l'engagement publié : son SHA-256"
                    + " est " + Lottery.commitmentOf(seed) + ", l'engagement " + lottery.seedCommitment());
        }
        List<LotteryWish> wishes = enteredWishes(lottery);
        DrawOutcome outcome = LotteryAllocator.allocate(seed, wishes, placesLeft(wishes));
        List<String> differences = differences(drawn, outcome);
        if (!differences.isEmpty()) {
            breach.report(drawn.programmeId(), "l'attribution enregistrée n'est pas celle que donne la graine sur les"
                    + " vœux déposés avant la clôture : " + String.join(" ; ", differences));
        }
        return new DrawProof(lottery.seedCommitment(), drawn.seed(), drawn.drawnAt(), outcome.familyOrder(),
                outcome.granted().stream().map(g -> new DrawProof.Place(g.childId(), g.sessionId())).toList(),
                outcome.waitlisted(), commitmentMatches, differences.isEmpty());
    }

    /** The deposited demandes that entered before the wishes closed, and are still deposited: their wishes. */
    private List<LotteryWish> enteredWishes(LotteryAnnounced lottery) {
        List<LotteryWish> wishes = new ArrayList<>();
        for (DemandeFold demande : demandes.values()) {
            if (demande.lotteryEntry() == null
                    || !lottery.programmeId().equals(demande.lotteryEntry().programmeId())
                    || !demande.lotteryEntry().depositedAt().isBefore(lottery.wishesCloseAt())) {
                continue;
            }
            for (WishRecorded wish : demande.depositedWishes()) {
                wishes.add(new LotteryWish(wish.demandeId(), demande.familyId(), wish.childId(), wish.sessionId(),
                        wish.date(), wish.period(), wish.rank()));
            }
        }
        return wishes;
    }

    private Map<UUID, Integer> placesLeft(List<LotteryWish> wishes) {
        Map<UUID, Integer> left = new HashMap<>();
        for (LotteryWish wish : wishes) {
            SessionFold session = sessions.apply(wish.sessionId());
            left.put(wish.sessionId(), session == null ? 0 : Math.max(0, session.onlineQuota() - session.onlineTaken()));
        }
        return left;
    }

    private static List<String> differences(LotteryDrawn drawn, DrawOutcome outcome) {
        List<String> differences = new ArrayList<>();
        if (!drawn.familyOrder().equals(outcome.familyOrder())) {
            differences.add("l'ordre des familles diffère");
        }
        if (!drawn.granted().equals(outcome.granted())) {
            differences.add(described("place(s) accordée(s)", drawn.granted(), outcome.granted()));
        }
        if (!drawn.waitlisted().equals(outcome.waitlisted())) {
            differences.add(described("inscription(s) en liste d'attente", drawn.waitlisted(), outcome.waitlisted()));
        }
        return differences;
    }

    /** How many were recorded and recomputed, and the first one recorded but not recomputed (or the reverse). */
    private static String described(String what, List<?> recorded, List<?> recomputed) {
        Set<Object> onlyRecorded = new LinkedHashSet<>(recorded);
        recomputed.forEach(onlyRecorded::remove);
        Set<Object> onlyRecomputed = new LinkedHashSet<>(recomputed);
        recorded.forEach(onlyRecomputed::remove);
        String detail = what + " : " + recorded.size() + " enregistrée(s), " + recomputed.size() + " recalculée(s)";
        if (!onlyRecorded.isEmpty()) {
            return detail + ", dont " + words(onlyRecorded.iterator().next()) + " enregistrée sans être recalculée";
        }
        if (!onlyRecomputed.isEmpty()) {
            return detail + ", dont " + words(onlyRecomputed.iterator().next()) + " recalculée mais absente du tirage";
        }
        return detail + ", dans un autre ordre";
    }

    private static String words(Object entry) {
        if (entry instanceof LotteryDrawn.Granted granted) {
            return "celle de l'enfant " + granted.childId() + " dans la séance " + granted.sessionId() + " (demande "
                    + granted.demandeId() + ")";
        }
        LotteryDrawn.Waitlisted waitlisted = (LotteryDrawn.Waitlisted) entry;
        return "celle de l'enfant " + waitlisted.childId() + " en n° " + waitlisted.position() + " de la séance "
                + waitlisted.sessionId();
    }

    private static byte[] hex(String seed) {
        try {
            return HexFormat.of().parseHex(Objects.requireNonNullElse(seed, ""));
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }
}
