package fr.klub.query.demande;

import java.util.UUID;

/** One demande; {@code familyId} is the caller's family, or null for staff (who may read any). */
record FindDemande(UUID demandeId, UUID familyId) {
}
