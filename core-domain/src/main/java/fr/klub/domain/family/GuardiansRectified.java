package fr.klub.domain.family;

import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.PersonalData;

/** The family's guardians, as corrected: they replace the previous list (letters go to these addresses from now on). */
@Revision("1")
public record GuardiansRectified(UUID familyId, @PersonalData List<Guardian> guardians) {
}
