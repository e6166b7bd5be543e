package fr.klub.domain.shared;

import java.util.Collection;
import java.util.Objects;

/** Guards for value objects and commands: a broken guard is a VALIDATION_FAILED refusal. */
public final class Require {

    private Require() {
    }

    public static <T> T present(T value, String frenchName) {
        if (value == null) {
            throw Refusal.invalid("Le champ « " + frenchName + " » est obligatoire.");
        }
        return value;
    }

    public static String text(String value, String frenchName, int maxLength) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("Le champ « " + frenchName + " » est obligatoire.");
        }
        if (value.length() > maxLength) {
            throw Refusal.invalid("Le champ « " + frenchName + " » dépasse " + maxLength + " caractères.");
        }
        return value.strip();
    }

    public static <C extends Collection<?>> C notEmpty(C values, String frenchName) {
        if (values == null || values.isEmpty()) {
            throw Refusal.invalid("Le champ « " + frenchName + " » doit contenir au moins un élément.");
        }
        // a null element would otherwise surface later as a NullPointerException (List.copyOf), not a refusal
        if (values.stream().anyMatch(Objects::isNull)) {
            throw Refusal.invalid("Le champ « " + frenchName + " » contient un élément vide.");
        }
        return values;
    }

    public static void that(boolean condition, String frenchDetail) {
        if (!condition) {
            throw Refusal.invalid(frenchDetail);
        }
    }
}
