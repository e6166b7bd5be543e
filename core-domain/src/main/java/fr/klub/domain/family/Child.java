package fr.klub.domain.family;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.PersonalData;
import fr.klub.domain.shared.Require;

/** A child of the family. Age is computed from the birth date on a programme's first day. */
public record Child(UUID childId, @PersonalData String firstName, @PersonalData String lastName,
                    @PersonalData LocalDate birthDate) {

    /** As stored in events: the rules of the time they were written (new input: {@link #validated()}). */
    public Child {
        Require.present(childId, "enfant");
        firstName = Require.storedText(firstName, "prénom", 100);
        lastName = Require.storedText(lastName, "nom", 100);
        Require.present(birthDate, "date de naissance");
    }

    /** This child as a new command may give it: texts and birth date by the one definition of valid input. */
    public Child validated() {
        return new Child(childId, Require.text(firstName, "prénom", 100), Require.text(lastName, "nom", 100),
                Require.birthDate(birthDate, "date de naissance"));
    }
}
