package fr.klub.domain.family;

import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

@Revision("1")
public record FamilyRegistered(UUID familyId, List<Guardian> guardians, List<Child> children) {
}
