package fr.klub.query.planning;

import java.util.List;

import fr.klub.domain.shared.Period;

record PlanningPeriod(Period period, List<PlanningSession> sessions) {
}
