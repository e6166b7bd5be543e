package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/** A family's draft stopped counting: it was deposited, cancelled or expired ({@code closedAs}). */
@Revision("1")
public record DraftClosed(String familyDraftsId, UUID familyId, UUID demandeId, DemandeStatus closedAs) {
}
