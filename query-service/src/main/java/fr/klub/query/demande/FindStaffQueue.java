package fr.klub.query.demande;

import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;

/** Demandes in one status (the queue: DEPOSITED), optionally of one programme, oldest first. */
record FindStaffQueue(UUID programmeId, DemandeStatus status, int limit) {
}
