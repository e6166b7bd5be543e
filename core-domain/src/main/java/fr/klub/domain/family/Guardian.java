package fr.klub.domain.family;

import java.util.regex.Pattern;

import fr.klub.domain.shared.Erased;
import fr.klub.domain.shared.PersonalData;
import fr.klub.domain.shared.Require;

/** A parent or legal guardian of the family, the one the town writes to. */
public record Guardian(Civility civility, @PersonalData String firstName, @PersonalData String lastName,
                       @PersonalData String email) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** As stored in events: the rules of the time they were written (new input: {@link #validated()}). */
    public Guardian {
        Require.present(civility, "civilité");
        firstName = Require.storedText(firstName, "prénom", 100);
        lastName = Require.storedText(lastName, "nom", 100);
        email = Require.storedText(email, "e-mail", 254);
        // an erased address is no address any more, and no letter goes to it
        Require.that(Erased.is(email) || EMAIL.matcher(email).matches(), "L'adresse e-mail « " + email + " » est invalide.");
    }

    /** This guardian as a new command may give it: every text by the one definition of valid input. */
    public Guardian validated() {
        return new Guardian(civility, Require.text(firstName, "prénom", 100), Require.text(lastName, "nom", 100),
                Require.text(email, "e-mail", 254));
    }
}
