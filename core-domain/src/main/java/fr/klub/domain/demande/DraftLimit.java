package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * How many drafts a family may have open at once, kept by the {@link FamilyDrafts} aggregate in the
 * demande's own unit of work: the draft and the family's count commit together or not at all.
 * Every way a draft closes (deposit, cancellation, expiry) goes through {@link #close}.
 */
public class DraftLimit {

    /** Enough for one draft per programme open at the same time and a second guardian's, far below abuse. */
    public static final int DEFAULT_MAX_OPEN = 5;

    private final Repository<FamilyDrafts> drafts;
    private final int maxOpen;

    public DraftLimit(Repository<FamilyDrafts> drafts, int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("a family must be allowed at least one open draft");
        }
        this.drafts = drafts;
        this.maxOpen = maxOpen;
    }

    public int maxOpen() {
        return maxOpen;
    }

    /** Counts a new draft, or refuses it with {@code TOO_MANY_DRAFTS} when the family is at its cap. */
    void open(UUID familyId, UUID demandeId, UUID programmeId) throws Exception {
        String id = FamilyDrafts.idOf(familyId);
        send(drafts.loadOrCreate(id, FamilyDrafts::new), new OpenDraft(id, familyId, demandeId, programmeId, maxOpen));
    }

    /** Stops counting a draft. A draft started before the cap existed was never counted: nothing to do. */
    void close(UUID familyId, UUID demandeId, DemandeStatus closedAs) throws Exception {
        String id = FamilyDrafts.idOf(familyId);
        Aggregate<FamilyDrafts> family;
        try {
            family = drafts.load(id);
        } catch (AggregateNotFoundException neverCounted) {
            return;
        }
        send(family, new CloseDraft(id, familyId, demandeId, closedAs));
    }

    private static void send(Aggregate<FamilyDrafts> aggregate, Object command) throws Exception {
        aggregate.handle(GenericCommandMessage.asCommandMessage(command));
    }
}
