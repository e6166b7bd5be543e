package fr.klub.query.family;

import java.util.List;
import java.util.UUID;

/** A family ("foyer") with its guardians and children, in registration order. */
record FamilyView(UUID familyId, List<GuardianView> guardians, List<ChildView> children) {
}
