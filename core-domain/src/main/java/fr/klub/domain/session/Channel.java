package fr.klub.domain.session;

/** Where a place was taken: online by a parent, or on site by staff. Each has its own quota. */
public enum Channel {
    ONLINE,
    ONSITE
}
