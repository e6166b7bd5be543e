package fr.klub.domain.family;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Correct a family's personal data (product.md §11): its guardians as a whole (null: unchanged), and the named
 * children (only children of the family; the others are unchanged). The family corrects its guardians; staff may
 * correct both.
 */
public record RectifyFamily(@TargetAggregateIdentifier UUID familyId, List<Guardian> guardians, List<Child> children) {

    public static RectifyFamily guardians(UUID familyId, List<Guardian> guardians) {
        return new RectifyFamily(familyId, guardians, List.of());
    }
}
