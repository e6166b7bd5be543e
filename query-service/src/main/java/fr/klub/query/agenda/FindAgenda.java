package fr.klub.query.agenda;

import java.time.YearMonth;
import java.util.UUID;

record FindAgenda(UUID familyId, YearMonth month) {
}
