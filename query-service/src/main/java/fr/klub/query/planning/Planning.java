package fr.klub.query.planning;

import java.util.List;
import java.util.UUID;

/** The planning grid of a programme: only the days that have sessions, each with its three periods. */
record Planning(UUID programmeId, String title, List<PlanningDay> days) {
}
