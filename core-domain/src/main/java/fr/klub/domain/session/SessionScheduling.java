package fr.klub.domain.session;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;

import fr.klub.domain.programme.Programme;
import fr.klub.domain.programme.ProgrammeRules;
import fr.klub.domain.shared.Aggregates;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.Require;

/**
 * Publishes a session inside a programme: the session copies the programme's booking window
 * and derives its start and cancellation deadline in the town's time zone.
 */
public class SessionScheduling {

    private final Repository<Programme> programmes;
    private final Repository<Session> sessions;

    public SessionScheduling(Repository<Programme> programmes, Repository<Session> sessions) {
        this.programmes = programmes;
        this.sessions = sessions;
    }

    @CommandHandler
    public void handle(ScheduleSession command) throws Exception {
        Require.present(command.sessionId(), "séance");
        Require.present(command.programmeId(), "programme");
        String activity = Require.text(command.activity(), "activité", 200);
        Require.calendarDay(command.date(), "date");
        Require.present(command.period(), "créneau");
        Quota quota = Quota.withDefaultSplit(command.capacity(), command.onlineQuota());
        ProgrammeRules rules = Aggregates.loadOrNotFound(programmes, command.programmeId(), "Programme inconnu.")
                .invoke(Programme::rules);
        if (command.date().isBefore(rules.firstDay()) || command.date().isAfter(rules.lastDay())) {
            throw Refusal.invalid("La date de la séance est en dehors des dates du programme.");
        }
        ZoneId zone = rules.timeZone();
        ZonedDateTime startsAt = command.date().atTime(command.period().startTime()).atZone(zone);
        ZonedDateTime cancellableUntil = command.date().minusDays(rules.cancellationDeadlineDays())
                .atStartOfDay(zone);
        SessionScheduled scheduled = new SessionScheduled(command.sessionId(), command.programmeId(), activity,
                command.date(), command.period(), quota.capacity(), quota.online(), startsAt.toInstant(),
                rules.bookingOpensAt(), rules.bookingClosesAt(), cancellableUntil.toInstant());
        sessions.newInstance(() -> new Session(scheduled));
    }
}
