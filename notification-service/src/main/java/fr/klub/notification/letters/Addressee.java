package fr.klub.notification.letters;

import java.util.Locale;

/**
 * A guardian as a letter addresses them: "Mme Laëtitia TEST". The civility is the family's
 * register code ({@code MME} or {@code M}); the last name is written in capitals, as the
 * town's letters do.
 */
public record Addressee(String civility, String firstName, String lastName, String email) {

    String salutation() {
        String title = switch (civility) {
            case "MME" -> "Mme";
            case "M" -> "M.";
            default -> civility;
        };
        return title + " " + firstName + " " + lastName.toUpperCase(Locale.FRENCH);
    }
}
