package fr.klub.query.demande;

import java.time.Instant;

import fr.klub.domain.demande.DemandeStatus;

/** The public tracking page: nothing that names a family or a child. */
record Tracking(Long number, DemandeStatus status, Instant depositedAt, Instant decidedAt) {
}
