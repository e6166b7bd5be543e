package fr.klub.domain.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.Repository;

import fr.klub.domain.family.Child;
import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.family.Family;
import fr.klub.domain.programme.Programme;
import fr.klub.domain.programme.ProgrammeRules;
import fr.klub.domain.shared.Aggregates;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/** Who may start a demande: children of the caller's family, of the programme's ages, inside its booking window. */
public class Enrolment {

    private final Repository<Family> families;
    private final Repository<Programme> programmes;
    private final ChildDirectory directory;

    public Enrolment(Repository<Family> families, Repository<Programme> programmes, ChildDirectory directory) {
        this.families = families;
        this.programmes = programmes;
        this.directory = directory;
    }

    public ProgrammeRules admit(UUID familyId, UUID programmeId, List<UUID> childIds, Instant at) {
        Family family = Aggregates.loadOrNotFound(families, familyId, "Famille inconnue.").invoke(f -> f);
        ProgrammeRules rules = Aggregates.loadOrNotFound(programmes, programmeId, "Programme inconnu.")
                .invoke(Programme::rules);
        if (!rules.isBookingOpenAt(at)) {
            throw new Refusal(RefusalCode.BOOKING_CLOSED, "Les réservations de ce programme ne sont pas ouvertes.");
        }
        for (UUID childId : childIds) {
            requireAge(family.child(childId).orElseThrow(() -> Refusal.notFound("Enfant inconnu.")), rules);
        }
        return rules;
    }

    /**
     * Whether a click records a wish (a lottery's wish window) rather than taking a place; between the
     * end of the wishes and the draw's last step, nobody books.
     */
    public boolean recordsWishes(UUID programmeId, Instant at) {
        Programme programme = Aggregates.loadOrNotFound(programmes, programmeId, "Programme inconnu.").invoke(p -> p);
        requireNoDrawPending(programme, at);
        return programme.isWishWindowOpenAt(at);
    }

    private static void requireNoDrawPending(Programme programme, Instant at) {
        if (programme.awaitsDrawAt(at)) {
            throw new Refusal(RefusalCode.BOOKING_CLOSED, programme.draw().isPresent()
                    ? "Le tirage au sort est en cours d'application : réessayez dans quelques minutes."
                    : "Les vœux sont clos ; le tirage au sort n'a pas encore eu lieu.");
        }
    }

    /** Staff book on site outside the booking window, but only children of the programme's ages. */
    public void admitOnsite(UUID childId, UUID programmeId) {
        UUID familyId = directory.familyOf(childId).orElseThrow(() -> Refusal.notFound("Enfant inconnu."));
        Child child = Aggregates.loadOrNotFound(families, familyId, "Famille inconnue.")
                .invoke(f -> f.child(childId)).orElseThrow(() -> Refusal.notFound("Enfant inconnu."));
        requireAge(child, Aggregates.loadOrNotFound(programmes, programmeId, "Programme inconnu.")
                .invoke(Programme::rules));
    }

    /**
     * A child of the caller's family, of the programme's ages (the session checks its own window);
     * until a lottery's draw is applied its waiting lists are the draw's, in draw order.
     */
    public void admitToWaitlist(UUID familyId, UUID childId, UUID programmeId, Instant at) {
        Child child = Aggregates.loadOrNotFound(families, familyId, "Famille inconnue.")
                .invoke(f -> f.child(childId)).orElseThrow(() -> Refusal.notFound("Enfant inconnu."));
        Programme programme = Aggregates.loadOrNotFound(programmes, programmeId, "Programme inconnu.").invoke(p -> p);
        requireAge(child, programme.rules());
        requireNoDrawPending(programme, at);
    }

    private static void requireAge(Child child, ProgrammeRules rules) {
        if (!rules.acceptsAge(child.birthDate())) {
            throw new Refusal(RefusalCode.CHILD_NOT_ELIGIBLE, String.format(
                    "%s aura %d an(s) le premier jour du programme, réservé aux %d-%d ans.",
                    child.firstName(), rules.ageOnFirstDay(child.birthDate()), rules.minAge(), rules.maxAge()));
        }
    }
}
