package fr.klub.domain.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

import fr.klub.domain.shared.Require;

/** The programme's rules: dates, age range (on the first day), booking window, cancellation deadline. */
public record ProgrammeRules(
        LocalDate firstDay,
        LocalDate lastDay,
        int minAge,
        int maxAge,
        Instant bookingOpensAt,
        Instant bookingClosesAt,
        int cancellationDeadlineDays,
        ZoneId timeZone) {

    public ProgrammeRules {
        Require.present(firstDay, "premier jour");
        Require.present(lastDay, "dernier jour");
        Require.that(!lastDay.isBefore(firstDay), "Le dernier jour doit suivre le premier jour.");
        Require.that(minAge >= 0 && minAge <= maxAge && maxAge <= 25, "La tranche d'âge est invalide.");
        Require.present(bookingOpensAt, "ouverture des réservations");
        Require.present(bookingClosesAt, "fermeture des réservations");
        Require.that(bookingOpensAt.isBefore(bookingClosesAt),
                "L'ouverture des réservations doit précéder leur fermeture.");
        Require.that(cancellationDeadlineDays >= 0 && cancellationDeadlineDays <= 60,
                "Le délai d'annulation doit être compris entre 0 et 60 jours.");
        Require.present(timeZone, "fuseau horaire");
    }

    /** Age in whole years on the programme's first day, as the town counts it. */
    public int ageOnFirstDay(LocalDate birthDate) {
        return Period.between(birthDate, firstDay).getYears();
    }

    public boolean acceptsAge(LocalDate birthDate) {
        int age = ageOnFirstDay(birthDate);
        return age >= minAge && age <= maxAge;
    }

    /** The window is [opensAt, closesAt). */
    public boolean isBookingOpenAt(Instant at) {
        return !at.isBefore(bookingOpensAt) && at.isBefore(bookingClosesAt);
    }
}
