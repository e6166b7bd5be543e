package fr.klub.domain.demande;

import java.util.UUID;

import org.axonframework.serialization.Revision;

/**
 * The draw granted this wish, but when its turn came to be applied the place could no longer be
 * taken: {@code reason} is the refusal's stable code (the child's half-day taken meanwhile, e.g. booked
 * on site: {@code PERIOD_ALREADY_BOOKED}; the demande no longer deposited: {@code DEMANDE_NOT_DEPOSITED};
 * the session cancelled, full or closed). Nothing is held; the place stays free.
 */
@Revision("1")
public record WishGrantSkipped(UUID demandeId, UUID childId, UUID sessionId, String reason) {
}
