package fr.klub.query.agenda;

import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;
import static org.axonframework.messaging.responsetypes.ResponseTypes.multipleInstancesOf;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.klub.query.web.ReadSide;

/**
 * A family's whole agenda, every month that has a booked session, in the order of "Mon agenda":
 * what the family's calendar (iCalendar) publishes. Built from the monthly agenda query, never a
 * second copy of it.
 */
@Component
public class WholeAgenda {

    private final ReadSide readSide;

    WholeAgenda(ReadSide readSide) {
        this.readSide = readSide;
    }

    public List<AgendaEntry> of(UUID familyId) {
        List<YearMonth> months = readSide.ask(new FindAgendaMonths(familyId), multipleInstancesOf(YearMonth.class));
        return months.stream()
                .flatMap(month -> readSide.ask(new FindAgenda(familyId, month), instanceOf(Agenda.class)).entries().stream())
                .toList();
    }
}
