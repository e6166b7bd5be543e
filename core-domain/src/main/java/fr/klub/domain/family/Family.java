package fr.klub.domain.family;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.Require;

/** A family ("foyer"): who may be written to, and which children may be booked by its parents. */
public class Family {

    @AggregateIdentifier
    private UUID familyId;
    private final List<Guardian> guardians = new ArrayList<>();
    private final Map<UUID, Child> children = new LinkedHashMap<>();
    private Instant erasedAt;

    protected Family() {
    }

    @CommandHandler
    public Family(RegisterFamily command) {
        Require.present(command.familyId(), "famille");
        List<Guardian> guardians = validGuardians(command.guardians());
        List<Child> kids = Require.notEmpty(command.children(), "enfants").stream().map(Child::validated).toList();
        Require.that(kids.size() <= 12, "Une famille compte au plus 12 enfants.");
        Require.that(new HashSet<>(kids.stream().map(Child::childId).toList()).size() == kids.size(),
                "Un enfant est déclaré deux fois.");
        apply(new FamilyRegistered(command.familyId(), guardians, kids));
    }

    /**
     * Corrections by the same rules as registration. Only what differs is recorded, so repeating a correction
     * records nothing; a child the family does not have is refused (its id is not the family's to name).
     */
    @CommandHandler
    void handle(RectifyFamily command) {
        if (erasedAt != null) {
            // its key is gone: new personal data could not be sealed for it, and nobody is left to correct
            throw Refusal.notFound("Famille inconnue.");
        }
        Require.that(command.guardians() != null || (command.children() != null && !command.children().isEmpty()),
                "Rien à rectifier : indiquez les responsables ou les enfants à corriger.");
        List<Guardian> corrected = command.guardians() == null ? null : validGuardians(command.guardians());
        List<Child> kids = command.children() == null ? List.of() : command.children().stream()
                .map(child -> Require.present(child, "enfant").validated()).toList();
        Require.that(new HashSet<>(kids.stream().map(Child::childId).toList()).size() == kids.size(),
                "Un enfant est corrigé deux fois.");
        for (Child kid : kids) {
            Require.that(children.containsKey(kid.childId()),
                    "L'enfant " + kid.childId() + " n'est pas un enfant de cette famille.");
        }
        if (corrected != null && !corrected.equals(guardians)) {
            apply(new GuardiansRectified(familyId, corrected));
        }
        for (Child kid : kids) {
            if (!kid.equals(children.get(kid.childId()))) {
                apply(new ChildRectified(familyId, kid.childId(), kid.firstName(), kid.lastName(), kid.birthDate()));
            }
        }
    }

    private static List<Guardian> validGuardians(List<Guardian> given) {
        List<Guardian> valid = Require.notEmpty(given, "responsables").stream()
                .map(guardian -> Require.present(guardian, "responsable").validated()).toList();
        Require.that(valid.size() <= 4, "Une famille compte au plus 4 responsables.");
        return valid;
    }

    @EventSourcingHandler
    void on(FamilyRegistered event) {
        familyId = event.familyId();
        guardians.addAll(event.guardians());
        event.children().forEach(child -> children.put(child.childId(), child));
    }

    @EventSourcingHandler
    void on(GuardiansRectified event) {
        guardians.clear();
        guardians.addAll(event.guardians());
    }

    @EventSourcingHandler
    void on(ChildRectified event) {
        children.put(event.childId(), event.child());
    }

    /**
     * Erases the family's personal data (product.md §11): the event carries none, and its key is destroyed in the
     * same transaction (the command-service's subscribing handler). A second erasure changes nothing and answers
     * the first one's moment. Staff give a reason on a request; the retention rule needs none.
     */
    @CommandHandler
    public Instant handle(EraseFamily command) {
        ErasureCause cause = Require.present(command.cause(), "cause de l'effacement");
        if (cause == ErasureCause.REQUEST) {
            Require.multilineText(command.reason(), "motif", 1000);
        }
        if (erasedAt != null) {
            return erasedAt;
        }
        apply(new FamilyErased(familyId, Require.present(command.at(), "date de l'effacement"), cause));
        return erasedAt;
    }

    @EventSourcingHandler
    void on(FamilyErased event) {
        erasedAt = event.erasedAt();
        // an erased child can no longer be booked: nothing is left to check its age or write to its family
        children.clear();
    }

    public UUID id() {
        return familyId;
    }

    public Optional<Child> child(UUID childId) {
        return Optional.ofNullable(children.get(childId));
    }
}
