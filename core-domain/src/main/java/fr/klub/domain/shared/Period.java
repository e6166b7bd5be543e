package fr.klub.domain.shared;

import java.time.LocalTime;

/** A half-day slot of a date ("créneau"). A child takes at most one activity per period of a date. */
public enum Period {
    MATIN(LocalTime.of(9, 0), "matin"),
    MIDI(LocalTime.of(12, 0), "midi"),
    APRES_MIDI(LocalTime.of(14, 0), "après-midi");

    private final LocalTime startTime;
    private final String label;

    Period(LocalTime startTime, String label) {
        this.startTime = startTime;
        this.label = label;
    }

    /** Local time at which sessions of this period start: bookings close then. */
    public LocalTime startTime() {
        return startTime;
    }

    /** French label, as parents read it. */
    public String label() {
        return label;
    }
}
