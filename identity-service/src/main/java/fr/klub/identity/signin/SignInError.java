package fr.klub.identity.signin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why the sign-in form is shown again: a stable code in the address, a French message in the bundle. */
enum SignInError {
    IDENTIFIANTS, TENTATIVES, INDISPONIBLE;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The message key in messages.properties. */
    String messageKey() {
        return "connexion.erreur." + code();
    }

    static Optional<SignInError> of(String code) {
        return Arrays.stream(values()).filter(error -> error.code().equals(code)).findFirst();
    }
}
