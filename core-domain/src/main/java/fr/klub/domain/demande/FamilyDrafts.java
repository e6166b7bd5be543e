package fr.klub.domain.demande;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/**
 * The drafts a family has open, so that one family cannot start drafts without limit. A draft is
 * opened here in the unit of work that creates it and closed in the one that deposits, cancels or
 * expires it ({@link DraftLimit}); two creations racing for the last slot both append at the same
 * position of this stream and the loser retries on fresh state, where it is refused.
 */
public class FamilyDrafts {

    @AggregateIdentifier
    private String familyDraftsId;
    private final Set<UUID> open = new LinkedHashSet<>();

    public FamilyDrafts() {
    }

    /** The stream's identifier: never a bare UUID, so it cannot collide with the family's own stream. */
    public static String idOf(UUID familyId) {
        return familyId + "/drafts";
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenDraft command) {
        if (open.contains(command.demandeId())) {
            return;
        }
        if (open.size() >= command.maxOpen()) {
            throw new Refusal(RefusalCode.TOO_MANY_DRAFTS, String.format(
                    "Votre famille a déjà %d demandes en cours (non déposées) : déposez ou abandonnez l'une d'elles "
                            + "avant d'en commencer une autre. Une demande inactive est abandonnée automatiquement.",
                    open.size()));
        }
        apply(new DraftOpened(command.familyDraftsId(), command.familyId(), command.demandeId(),
                command.programmeId()));
    }

    @CommandHandler
    public void handle(CloseDraft command) {
        if (open.contains(command.demandeId())) {
            apply(new DraftClosed(familyDraftsId, command.familyId(), command.demandeId(), command.closedAs()));
        }
    }

    @EventSourcingHandler
    void on(DraftOpened event) {
        familyDraftsId = event.familyDraftsId();
        open.add(event.demandeId());
    }

    @EventSourcingHandler
    void on(DraftClosed event) {
        open.remove(event.demandeId());
    }
}
