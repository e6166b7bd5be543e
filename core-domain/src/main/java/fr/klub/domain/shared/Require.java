package fr.klub.domain.shared;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Objects;

/**
 * Guards for value objects and commands: a broken guard is a VALIDATION_FAILED refusal. The one
 * definition of a valid text and a valid date for every command (docs/decisions/valid-input.md):
 * whatever passes here can be stored, indexed and mailed by every read side.
 */
public final class Require {

    /** Programme days, session dates and booking instants: a holiday programme happens this century. */
    public static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST_DAY = LocalDate.of(2100, 12, 31);
    /** A child's birth date: wide on purpose (the programmes' age ranges decide who may book). */
    public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private static final Instant EARLIEST_INSTANT = EARLIEST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END_OF_LATEST_DAY = LATEST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private Require() {
    }

    public static <T> T present(T value, String frenchName) {
        if (value == null) {
            throw Refusal.invalid("Le champ « " + frenchName + " » est obligatoire.");
        }
        return value;
    }

    /**
     * A text as the history may already hold it, checked when an event is read back into a value
     * object: present, within its length, stripped. Events are forever, so this stays as lenient
     * as the rules were when they were written; new input goes through {@link #text}.
     */
    public static String storedText(String value, String frenchName, int maxLength) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("Le champ « " + frenchName + " » est obligatoire.");
        }
        if (value.length() > maxLength) {
            throw Refusal.invalid("Le champ « " + frenchName + " » dépasse " + maxLength + " caractères.");
        }
        return value.strip();
    }

    /**
     * A one-line text (a name, a title, an activity, an e-mail): present, without control,
     * line-separator or bidirectional-override characters, trimmed and in Unicode NFC.
     */
    public static String text(String value, String frenchName, int maxLength) {
        return cleanText(value, frenchName, maxLength, false);
    }

    /**
     * A text that may span several lines (a refusal or cancellation reason): as {@link #text}, but
     * line breaks are allowed, each one (CR LF, CR) normalised to LF.
     */
    public static String multilineText(String value, String frenchName, int maxLength) {
        return cleanText(value, frenchName, maxLength, true);
    }

    private static String cleanText(String value, String frenchName, int maxLength, boolean multiline) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid("Le champ « " + frenchName + " » est obligatoire.");
        }
        // checked before any work on it: a huge value costs nothing more than its length
        if (value.length() > maxLength) {
            throw Refusal.invalid("Le champ « " + frenchName + " » dépasse " + maxLength + " caractères.");
        }
        String text = multiline ? value.replace("\r\n", "\n").replace('\r', '\n') : value;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && multiline) {
                continue;
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw Refusal.invalid("Le champ « " + frenchName + " » contient un caractère de contrôle"
                        + (multiline ? " (seuls les retours à la ligne sont permis)." : " ou un retour à la ligne."));
            }
            if (isBidiControl(c)) {
                throw Refusal.invalid("Le champ « " + frenchName + " » contient un caractère qui inverse le sens"
                        + " d'écriture du texte.");
            }
            if (Character.isSurrogate(c) && !isPairedSurrogate(text, i)) {
                throw Refusal.invalid("Le champ « " + frenchName + " » contient un caractère invalide.");
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        String normalised = Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
        if (normalised.isEmpty()) {
            throw Refusal.invalid("Le champ « " + frenchName + " » est obligatoire.");
        }
        if (normalised.length() > maxLength) {
            throw Refusal.invalid("Le champ « " + frenchName + " » dépasse " + maxLength + " caractères.");
        }
        return normalised;
    }

    /** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can disguise a name. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static boolean isPairedSurrogate(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** A programme day or a session date: between {@link #EARLIEST_DAY} and {@link #LATEST_DAY}. */
    public static LocalDate calendarDay(LocalDate value, String frenchName) {
        present(value, frenchName);
        if (value.isBefore(EARLIEST_DAY) || value.isAfter(LATEST_DAY)) {
            throw Refusal.invalid("Le champ « " + frenchName + " » doit être une date entre " + EARLIEST_DAY
                    + " et " + LATEST_DAY + ".");
        }
        return value;
    }

    /** An instant of a programme's calendar (booking window): within the same years as {@link #calendarDay}. */
    public static Instant calendarInstant(Instant value, String frenchName) {
        present(value, frenchName);
        if (value.isBefore(EARLIEST_INSTANT) || !value.isBefore(END_OF_LATEST_DAY)) {
            throw Refusal.invalid("Le champ « " + frenchName + " » doit être un instant entre " + EARLIEST_DAY
                    + " et " + LATEST_DAY + ".");
        }
        return value;
    }

    /** A birth date: between {@link #EARLIEST_BIRTH_DATE} and {@link #LATEST_DAY}. */
    public static LocalDate birthDate(LocalDate value, String frenchName) {
        present(value, frenchName);
        if (value.isBefore(EARLIEST_BIRTH_DATE) || value.isAfter(LATEST_DAY)) {
            throw Refusal.invalid("Le champ « " + frenchName + " » doit être une date entre " + EARLIEST_BIRTH_DATE
                    + " et " + LATEST_DAY + ".");
        }
        return value;
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
