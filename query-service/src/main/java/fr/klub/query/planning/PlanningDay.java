package fr.klub.query.planning;

import java.time.LocalDate;
import java.util.List;

record PlanningDay(LocalDate date, List<PlanningPeriod> periods) {
}
