package fr.klub.query.agenda;

import java.util.UUID;

/** The months in which a family's children have a place: the whole agenda is these months' agendas. */
record FindAgendaMonths(UUID familyId) {
}
