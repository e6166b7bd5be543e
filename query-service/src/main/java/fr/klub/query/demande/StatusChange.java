package fr.klub.query.demande;

import java.time.Instant;

import fr.klub.domain.demande.DemandeStatus;

record StatusChange(DemandeStatus status, Instant at) {
}
