package fr.klub.domain.demande;

/** Draft → Deposited → Accepted | Refused; Draft → Cancelled | Expired. No other transition. */
public enum DemandeStatus {
    DRAFT,
    DEPOSITED,
    ACCEPTED,
    REFUSED,
    CANCELLED,
    EXPIRED
}
