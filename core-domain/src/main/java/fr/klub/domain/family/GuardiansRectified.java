package fr.klub.domain.family;

import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * The family's guardians, as corrected: they replace the previous list (letters go to these addresses from now on).
 * Personal as {@link FamilyRegistered}'s guardians are: each {@link Guardian} marks its own names and e-mail
 * {@code @PersonalData} (the list itself is not a value that can be sealed).
 */
@Revision("1")
public record GuardiansRectified(UUID familyId, List<Guardian> guardians) {
}
