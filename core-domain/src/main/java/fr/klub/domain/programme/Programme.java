package fr.klub.domain.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import fr.klub.domain.lottery.LotteryApplication;
import fr.klub.domain.lottery.LotteryDraw;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.Require;

/**
 * A bookable offer over a holiday period: dates, ages, booking window and cancellation
 * deadline. Sessions and demandes read its rules when they are created. In lottery mode it also
 * keeps the wish window, the seed's commitment and, once drawn, the draw (product.md §10).
 */
public class Programme {

    static final String LOTTERY_DRAW = "lottery-draw";
    static final String LOTTERY_APPLY = "lottery-apply";

    @AggregateIdentifier
    private UUID programmeId;
    private ProgrammeRules rules;
    /** Null for a first-come programme. */
    private LotteryAnnounced lottery;
    private LotteryDrawn draw;
    /** The draw's steps applied so far (docs/decisions/domain-lottery.md); clicks wait until it is applied. */
    private int drawStepsApplied;
    private boolean drawApplied;

    protected Programme() {
    }

    @CommandHandler
    public Programme(CreateProgramme command, DeadlineManager deadlines) {
        Require.present(command.programmeId(), "programme");
        String title = Require.text(command.title(), "titre", 200);
        // the range is checked on the command, not in ProgrammeRules: stored programmes always reload
        if (command.allocation() != Allocation.LOTTERY
                && (command.wishesCloseAt() != null || command.seedCommitment() != null)) {
            // nothing accepted that is then silently dropped: these only mean something for a lottery
            throw Refusal.invalid("wishesCloseAt : la fin des vœux ne concerne qu'un programme tiré au sort "
                    + "(allocation LOTTERY).");
        }
        ProgrammeRules rules = new ProgrammeRules(Require.calendarDay(command.firstDay(), "premier jour"),
                Require.calendarDay(command.lastDay(), "dernier jour"), command.minAge(), command.maxAge(),
                Require.calendarInstant(command.bookingOpensAt(), "ouverture des réservations"),
                Require.calendarInstant(command.bookingClosesAt(), "fermeture des réservations"),
                command.cancellationDeadlineDays(), Require.present(command.timeZone(), "fuseau horaire"));
        apply(new ProgrammeCreated(command.programmeId(), title, rules.firstDay(), rules.lastDay(), rules.minAge(),
                rules.maxAge(), rules.bookingOpensAt(), rules.bookingClosesAt(), rules.cancellationDeadlineDays(),
                rules.timeZone().getId()));
        if (command.allocation() == Allocation.LOTTERY) {
            Instant closeAt = wishesCloseAt(command, rules);
            apply(new LotteryAnnounced(command.programmeId(), closeAt, commitment(command.seedCommitment())));
            deadlines.schedule(closeAt, LOTTERY_DRAW, new LotteryDrawDue(closeAt));
        }
    }

    /**
     * The draw at the end of the wishes, once, on one instance, after restarts (the persistent
     * deadline manager); staff may have drawn already, then nothing happens. Time comes from the deadline.
     */
    @DeadlineHandler(deadlineName = LOTTERY_DRAW)
    public void on(LotteryDrawDue due, LotteryDraw lotteryDraw) throws Exception {
        if (lottery != null && draw == null) {
            lotteryDraw.drawWhenDue(programmeId, due.dueAt());
        }
    }

    private static Instant wishesCloseAt(CreateProgramme command, ProgrammeRules rules) {
        Instant closeAt = Require.calendarInstant(command.wishesCloseAt(), "wishesCloseAt (fin des vœux)");
        Require.that(closeAt.isAfter(rules.bookingOpensAt()) && closeAt.isBefore(rules.bookingClosesAt()),
                "wishesCloseAt : la fin des vœux doit suivre l'ouverture des réservations et précéder leur fermeture.");
        return closeAt;
    }

    private static String commitment(String hex) {
        Require.that(hex != null && hex.matches("[0-9a-fA-F]{64}"),
                "seedCommitment : l'engagement doit être une empreinte SHA-256 en hexadécimal (64 caractères).");
        return hex.toLowerCase();
    }

    /**
     * Keeps the first draw: a second one, whatever its seed, is a no-op (the caller returns the first).
     * Recording it starts its application, in steps of their own units of work: the first batch is
     * due at once on the persistent deadline manager, in this transaction.
     */
    @CommandHandler
    public LotteryDrawn handle(RecordDraw command, DeadlineManager deadlines) {
        if (draw != null) {
            return draw;
        }
        if (lottery == null) {
            throw Refusal.notFound("Ce programme n'est pas attribué par tirage au sort.");
        }
        if (command.draw().drawnAt().isBefore(lottery.wishesCloseAt())) {
            throw new Refusal(RefusalCode.WISHES_OPEN,
                    "Les vœux sont encore ouverts : le tirage au sort aura lieu après leur clôture.");
        }
        if (!lottery.seedCommitment().equals(Lottery.commitmentOf(HexFormat.of().parseHex(command.draw().seed())))) {
            throw new Refusal(RefusalCode.VALIDATION_FAILED, "La graine ne correspond pas à l'engagement publié.");
        }
        apply(command.draw());
        int steps = LotteryApplication.stepsOf(draw);
        apply(new LotteryApplicationProgressed(programmeId, 0, steps));
        if (steps > 0) {
            deadlines.schedule(Duration.ZERO, LOTTERY_APPLY, new LotteryApplyDue(0));
        }
        return draw;
    }

    /**
     * The next batch of the draw's application, once, on one instance, after restarts; it records how
     * far it got and schedules the next batch in the same transaction. A stale payload (its batch was
     * already applied: a deadline run twice) does nothing.
     */
    @DeadlineHandler(deadlineName = LOTTERY_APPLY)
    public void on(LotteryApplyDue due, LotteryApplication application, DeadlineManager deadlines) throws Exception {
        if (draw == null || drawApplied || due.fromStep() != drawStepsApplied) {
            return;
        }
        int steps = LotteryApplication.stepsOf(draw);
        int next = application.applyBatch(draw, drawStepsApplied);
        apply(new LotteryApplicationProgressed(programmeId, next, steps));
        if (next < steps) {
            deadlines.schedule(Duration.ZERO, LOTTERY_APPLY, new LotteryApplyDue(next));
        }
    }

    @EventSourcingHandler
    void on(ProgrammeCreated event) {
        programmeId = event.programmeId();
        rules = new ProgrammeRules(event.firstDay(), event.lastDay(), event.minAge(), event.maxAge(),
                event.bookingOpensAt(), event.bookingClosesAt(), event.cancellationDeadlineDays(),
                ZoneId.of(event.timeZone()));
    }

    @EventSourcingHandler
    void on(LotteryAnnounced event) {
        lottery = event;
    }

    /** A draw recorded without steps (by an earlier version) was applied in its own unit of work. */
    @EventSourcingHandler
    void on(LotteryDrawn event) {
        draw = event;
        drawApplied = true;
    }

    @EventSourcingHandler
    void on(LotteryApplicationProgressed event) {
        drawStepsApplied = event.stepsApplied();
        drawApplied = event.finished();
    }

    public ProgrammeRules rules() {
        return rules;
    }

    public Allocation allocation() {
        return lottery == null ? Allocation.FIRST_COME : Allocation.LOTTERY;
    }

    public Optional<LotteryAnnounced> lottery() {
        return Optional.ofNullable(lottery);
    }

    public Optional<LotteryDrawn> draw() {
        return Optional.ofNullable(draw);
    }

    /** Clicks record wishes: a lottery, inside the booking window, before the wishes close. */
    public boolean isWishWindowOpenAt(Instant at) {
        return lottery != null && rules.isBookingOpenAt(at) && at.isBefore(lottery.wishesCloseAt());
    }

    /**
     * Between the end of the wishes and the draw's last step nobody books or queues: the places and
     * the waiting lists are the draw's until it is applied.
     */
    public boolean awaitsDrawAt(Instant at) {
        return lottery != null && !drawApplied && !at.isBefore(lottery.wishesCloseAt());
    }
}
