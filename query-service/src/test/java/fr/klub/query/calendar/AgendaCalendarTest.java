package fr.klub.query.calendar;

import static fr.klub.query.calendar.Ical.end;
import static fr.klub.query.calendar.Ical.events;
import static fr.klub.query.calendar.Ical.start;
import static fr.klub.query.calendar.Ical.value;
import static fr.klub.query.calendar.Ical.withUid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Period;
import fr.klub.query.agenda.AgendaEntry;
import fr.klub.query.agenda.AgendaStatus;

class AgendaCalendarTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2020-10-01T08:30:12.345Z");
    private final AgendaCalendar writer = new AgendaCalendar(PARIS);
    private final UUID thais = UUID.randomUUID();

    @Test
    void anEmptyAgendaIsAValidCalendarNamedAgendaKlub() {
        Calendar calendar = Ical.parse(writer.write(List.of(), NOW));

        assertThat(value(calendar, Property.VERSION)).isEqualTo("2.0");
        assertThat(value(calendar, Property.METHOD)).isEqualTo("PUBLISH");
        assertThat(value(calendar, Property.CALSCALE)).isEqualTo("GREGORIAN");
        assertThat(value(calendar, Property.PRODID)).isNotBlank();
        assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("Agenda KLUB");
        assertThat(events(calendar)).isEmpty();
    }

    @Test
    void eachBookedSessionIsAnEventAtThePeriodsHoursInTheTownsZone() {
        AgendaEntry summer = entry(LocalDate.of(2020, 10, 19), Period.MATIN, "Danse latine", AgendaStatus.CONFIRMED);
        AgendaEntry winter = entry(LocalDate.of(2020, 10, 26), Period.APRES_MIDI, "Grands jeux", AgendaStatus.PENDING);
        AgendaEntry lunch = entry(LocalDate.of(2020, 10, 26), Period.MIDI, "Repas", AgendaStatus.PENDING);

        Calendar calendar = Ical.parse(writer.write(List.of(summer, winter, lunch), NOW));

        assertThat(events(calendar)).hasSize(3);
        assertThat(calendar.validate(false).getEntries()).as("ical4j's validation").isEmpty();
        VEvent danse = withUid(calendar, summer.sessionId() + "-" + thais + "@klub");
        // 19/10/2020 is summer time in Paris (UTC+2), 26/10/2020 winter time (UTC+1)
        assertThat(start(danse)).isEqualTo(Instant.parse("2020-10-19T07:00:00Z"));
        assertThat(end(danse)).isEqualTo(Instant.parse("2020-10-19T10:00:00Z"));
        assertThat(value(danse, Property.SUMMARY)).isEqualTo("Danse latine — Thaïs");
        assertThat(value(danse, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(danse, Property.DESCRIPTION)).isEqualTo("Réservation confirmée");
        assertThat(value(danse, Property.DTSTAMP)).isEqualTo("20201001T083012Z");

        VEvent games = withUid(calendar, winter.sessionId() + "-" + thais + "@klub");
        assertThat(start(games)).isEqualTo(Instant.parse("2020-10-26T13:00:00Z"));
        assertThat(end(games)).isEqualTo(Instant.parse("2020-10-26T16:00:00Z"));
        assertThat(value(games, Property.STATUS)).isEqualTo("TENTATIVE");
        assertThat(value(games, Property.DESCRIPTION)).isEqualTo("En attente de la décision du service");

        VEvent repas = withUid(calendar, lunch.sessionId() + "-" + thais + "@klub");
        assertThat(start(repas)).isEqualTo(Instant.parse("2020-10-26T11:00:00Z"));
        assertThat(end(repas)).isEqualTo(Instant.parse("2020-10-26T13:00:00Z"));
    }

    @Test
    void textIsEscapedAndLongLinesAreFoldedWithoutSplittingACharacter() {
        String odd = "Tir à l'arc, niveau 1; sac\\carquois";
        // 2-, 3- and 4-octet characters, long enough to fold several times
        String longName = "Éveil musical et théâtre d’improvisation — « grands » 🎭 ".repeat(4).strip();
        AgendaEntry escaped = entry(LocalDate.of(2020, 10, 20), Period.MATIN, odd, AgendaStatus.CONFIRMED);
        AgendaEntry folded = entry(LocalDate.of(2020, 10, 20), Period.APRES_MIDI, longName, AgendaStatus.PENDING);

        byte[] body = writer.write(List.of(escaped, folded), NOW);
        String text = new String(body, StandardCharsets.UTF_8);
        Calendar calendar = Ical.parse(body);

        assertThat(text).contains("SUMMARY:Tir à l'arc\\, niveau 1\\; sac\\\\carquois — Thaïs\r\n");
        assertThat(value(withUid(calendar, escaped.sessionId() + "-" + thais + "@klub"), Property.SUMMARY))
                .isEqualTo(odd + " — Thaïs");
        assertThat(text).contains("\r\n ");
        assertThat(value(withUid(calendar, folded.sessionId() + "-" + thais + "@klub"), Property.SUMMARY))
                .isEqualTo(longName + " — Thaïs");
    }

    @Test
    void aLineBreakInANameIsWrittenAsAnEscapeAndOtherControlsAreDropped() {
        assertThat(ContentLines.escape("Atelier\r\nbois\nfer\u0007")).isEqualTo("Atelier\\nbois\\nfer");
    }

    @Test
    void foldingKeepsEveryLineWithin75OctetsAndUnfoldsToTheSameText() {
        for (String unit : List.of("a", "é", "€", "🎭")) {
            for (int length = 60; length < 90; length++) {
                String line = "SUMMARY:" + unit.repeat(length);
                String folded = ContentLines.fold(line);
                for (String part : folded.split("\r\n")) {
                    assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
                }
                assertThat(folded.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)).as("a character cut in two").isTrue();
                assertThat(folded.replace("\r\n ", "")).isEqualTo(line);
            }
        }
    }

    private AgendaEntry entry(LocalDate date, Period period, String activity, AgendaStatus status) {
        return new AgendaEntry(date, period, activity, UUID.randomUUID(), thais, "Thaïs", status);
    }
}
