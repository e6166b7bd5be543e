package fr.klub.query.calendar;

import java.time.LocalTime;

import fr.klub.domain.shared.Period;

/**
 * When a session of a period takes place, for calendars. It starts at the period's start (the
 * domain's {@link Period#startTime()}, also when bookings close) and ends when the next period
 * starts; the afternoon ends at 17:00, when the accueil de loisirs closes. The domain knows no end
 * time: a calendar needs one, the rules do not.
 */
final class SessionHours {

    static final LocalTime AFTERNOON_END = LocalTime.of(17, 0);

    private SessionHours() {
    }

    static LocalTime start(Period period) {
        return period.startTime();
    }

    static LocalTime end(Period period) {
        return switch (period) {
            case MATIN -> Period.MIDI.startTime();
            case MIDI -> Period.APRES_MIDI.startTime();
            case APRES_MIDI -> AFTERNOON_END;
        };
    }
}
