package fr.klub.domain.demande;

/** Staff's decision on a deposited demande. */
public enum Decision {
    ACCEPTED,
    REFUSED
}
