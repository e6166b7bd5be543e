package fr.klub.domain.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.ZoneId;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import fr.klub.domain.shared.Require;

/**
 * A bookable offer over a holiday period: dates, ages, booking window and cancellation
 * deadline. Sessions and demandes read its rules when they are created.
 */
public class Programme {

    @AggregateIdentifier
    private UUID programmeId;
    private ProgrammeRules rules;

    protected Programme() {
    }

    @CommandHandler
    public Programme(CreateProgramme command) {
        Require.present(command.programmeId(), "programme");
        String title = Require.text(command.title(), "titre", 200);
        // the range is checked on the command, not in ProgrammeRules: stored programmes always reload
        ProgrammeRules rules = new ProgrammeRules(Require.calendarDay(command.firstDay(), "premier jour"),
                Require.calendarDay(command.lastDay(), "dernier jour"), command.minAge(), command.maxAge(),
                Require.calendarInstant(command.bookingOpensAt(), "ouverture des réservations"),
                Require.calendarInstant(command.bookingClosesAt(), "fermeture des réservations"),
                command.cancellationDeadlineDays(), Require.present(command.timeZone(), "fuseau horaire"));
        apply(new ProgrammeCreated(command.programmeId(), title, rules.firstDay(), rules.lastDay(), rules.minAge(),
                rules.maxAge(), rules.bookingOpensAt(), rules.bookingClosesAt(), rules.cancellationDeadlineDays(),
                rules.timeZone().getId()));
    }

    @EventSourcingHandler
    void on(ProgrammeCreated event) {
        programmeId = event.programmeId();
        rules = new ProgrammeRules(event.firstDay(), event.lastDay(), event.minAge(), event.maxAge(),
                event.bookingOpensAt(), event.bookingClosesAt(), event.cancellationDeadlineDays(),
                ZoneId.of(event.timeZone()));
    }

    public ProgrammeRules rules() {
        return rules;
    }
}
