package fr.klub.portal.agent.programmes;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import fr.klub.portal.api.AdminCommandApi.NewSession;
import fr.klub.portal.api.AdminQueryApi;

/**
 * "Copier une semaine": the sessions of the week (Monday to Sunday) that holds {@code from}, moved
 * to the week that holds {@code to}, same weekday, activity, period, capacity and online quota. The
 * API has no copy endpoint, so the page sends these one by one; the API decides each.
 */
final class WeekCopy {

    private WeekCopy() {
    }

    static List<NewSession> of(AdminQueryApi.Sessions sessions, LocalDate from, LocalDate to) {
        LocalDate source = monday(from);
        long shift = ChronoUnit.DAYS.between(source, monday(to));
        List<NewSession> copies = new ArrayList<>();
        for (AdminQueryApi.Day day : sessions.days()) {
            if (day.date().isBefore(source) || !day.date().isBefore(source.plusWeeks(1))) {
                continue;
            }
            for (AdminQueryApi.Period period : day.periods()) {
                for (AdminQueryApi.Session session : period.sessions()) {
                    copies.add(NewSession.copyOf(session.activity(), day.date().plusDays(shift), period.period(),
                            session.capacity(), session.onlineQuota()));
                }
            }
        }
        return copies;
    }

    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
