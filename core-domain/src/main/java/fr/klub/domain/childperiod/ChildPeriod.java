package fr.klub.domain.childperiod;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/**
 * One child's half-day (child, date, period). It is claimed in the same unit of work as the
 * session place, whatever the channel or the demande, so two sessions can never hold the
 * same child in the same period: the event store's (aggregate, sequence) key arbitrates races.
 */
public class ChildPeriod {

    @AggregateIdentifier
    private String childPeriodId;
    private ChildPeriodId key;
    private UUID heldBy;

    public ChildPeriod() {
    }

    /** @return whether the period was newly claimed (false when the same session already holds it). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ClaimPeriod command) {
        if (command.sessionId().equals(heldBy)) {
            return false;
        }
        Optional<Refusal> refusal = claimRefusal(command.sessionId());
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        ChildPeriodId id = command.childPeriodId();
        apply(new ChildPeriodClaimed(id.toString(), id.childId(), id.date(), id.period(), command.sessionId()));
        return true;
    }

    /**
     * Why this session cannot claim the half-day, if it cannot: another session holds it. Read by
     * {@code Places} before the session's place is taken, so that the refusal comes before any event
     * of the command (docs/decisions/command-group-commit.md: a refusal after an event undoes a group).
     */
    public Optional<Refusal> claimRefusal(UUID sessionId) {
        if (heldBy == null || heldBy.equals(sessionId)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(RefusalCode.PERIOD_ALREADY_BOOKED,
                "L'enfant a déjà une activité sur ce créneau (" + key.period().label() + " du " + key.date() + ")."));
    }

    /** @return whether the half-day was free and is now the offering session's; false: the child is passed over. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ClaimForOffer command) {
        ChildPeriodId id = command.childPeriodId();
        if (heldBy == null) {
            apply(new ChildPeriodClaimed(id.toString(), id.childId(), id.date(), id.period(), command.sessionId()));
            return true;
        }
        apply(new ChildPeriodPassedOver(id.toString(), id.childId(), id.date(), id.period(), heldBy,
                command.sessionId()));
        return false;
    }

    /** @return whether the half-day is this session's now (newly or already); false: another session holds it, nothing changed. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ClaimIfFree command) {
        if (command.sessionId().equals(heldBy)) {
            return true;
        }
        if (heldBy != null) {
            return false;
        }
        ChildPeriodId id = command.childPeriodId();
        apply(new ChildPeriodClaimed(id.toString(), id.childId(), id.date(), id.period(), command.sessionId()));
        return true;
    }

    @CommandHandler
    public void handle(FreePeriod command) {
        if (command.sessionId().equals(heldBy)) {
            apply(new ChildPeriodFreed(childPeriodId, key.childId(), key.date(), key.period(), heldBy));
        }
    }

    @EventSourcingHandler
    void on(ChildPeriodClaimed event) {
        childPeriodId = event.childPeriodId();
        key = new ChildPeriodId(event.childId(), event.date(), event.period());
        heldBy = event.sessionId();
    }

    @EventSourcingHandler
    void on(ChildPeriodFreed event) {
        heldBy = null;
    }
}
