package fr.klub.query.demande;

import java.util.UUID;

record FindFamilyDemandes(UUID familyId) {
}
