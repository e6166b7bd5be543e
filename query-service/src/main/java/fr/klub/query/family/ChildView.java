package fr.klub.query.family;

import java.time.LocalDate;
import java.util.UUID;

record ChildView(UUID childId, String firstName, String lastName, LocalDate birthDate) {
}
