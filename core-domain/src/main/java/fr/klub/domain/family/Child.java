package fr.klub.domain.family;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Require;

/** A child of the family. Age is computed from the birth date on a programme's first day. */
public record Child(UUID childId, String firstName, String lastName, LocalDate birthDate) {

    public Child {
        Require.present(childId, "enfant");
        firstName = Require.text(firstName, "prénom", 100);
        lastName = Require.text(lastName, "nom", 100);
        Require.birthDate(birthDate, "date de naissance");
    }
}
