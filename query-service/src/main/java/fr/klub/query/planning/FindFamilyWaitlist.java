package fr.klub.query.planning;

import java.util.UUID;

record FindFamilyWaitlist(UUID familyId) {
}
