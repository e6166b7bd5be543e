package fr.klub.domain.family;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Staff register a family ("foyer"): its guardians and children. */
public record RegisterFamily(@TargetAggregateIdentifier UUID familyId, List<Guardian> guardians, List<Child> children) {
}
