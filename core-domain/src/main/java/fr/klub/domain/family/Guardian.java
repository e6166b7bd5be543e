package fr.klub.domain.family;

import java.util.regex.Pattern;

import fr.klub.domain.shared.Require;

/** A parent or legal guardian of the family, the one the town writes to. */
public record Guardian(Civility civility, String firstName, String lastName, String email) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    public Guardian {
        Require.present(civility, "civilité");
        firstName = Require.text(firstName, "prénom", 100);
        lastName = Require.text(lastName, "nom", 100);
        email = Require.text(email, "e-mail", 254);
        Require.that(EMAIL.matcher(email).matches(), "L'adresse e-mail « " + email + " » est invalide.");
    }
}
