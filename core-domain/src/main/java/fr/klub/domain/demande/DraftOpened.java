package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** A family's draft demande started counting against its cap of open drafts ({@link FamilyDrafts}). */
@Revision("1")
public record DraftOpened(String familyDraftsId, UUID familyId, UUID demandeId, UUID programmeId) {
}
