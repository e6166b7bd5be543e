package fr.klub.query.agenda;

import java.time.YearMonth;
import java.util.List;

record Agenda(YearMonth month, List<AgendaEntry> entries) {
}
