package fr.klub.notification.letters;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The town that signs the letters ({@code klub.town.*}).
 *
 * @param name     the town's name, e.g. "Auray"
 * @param ofName   how "de {name}" is written when the automatic elision is wrong
 *                 (e.g. "du Havre"); empty to derive it from the name ("d'Auray", "de Vannes")
 * @param zone     the zone in which dates are written to families
 */
@ConfigurationProperties("klub.town")
public record TownSettings(
        @DefaultValue("Auray") String name,
        @DefaultValue("") String ofName,
        @DefaultValue("Europe/Paris") ZoneId zone) {

    /** "d'Auray", "de Vannes", "du Havre": the town's name after "La Ville". */
    String of() {
        if (ofName != null && !ofName.isBlank()) {
            return ofName.strip();
        }
        String town = name.strip();
        if (town.startsWith("Le ")) {
            return "du " + town.substring(3);
        }
        if (town.startsWith("Les ")) {
            return "des " + town.substring(4);
        }
        return "AEIOUYÂÀÉÈÊÎÏÔÛaeiouy".indexOf(town.charAt(0)) >= 0 ? "d'" + town : "de " + town;
    }
}
