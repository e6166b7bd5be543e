package fr.klub.notification.letters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.io.ResourceLoader;
import org.springframework.web.util.UriUtils;

/**
 * Writes the town's letters to a family, in French, with the seed's wording (product.md §6).
 * Knows nothing about events or databases: it is given the facts and the addressees.
 */
public class LetterWriter {

    /**
     * What the log keeps in place of a password reset link: staff read the log, and the link would
     * let them take over the parent's account. The sender puts the link in on the way to SMTP only.
     */
    public static final String RESET_LINK_MASK = "[lien de réinitialisation masqué]";

    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter DAY_NAME = DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.FRENCH);
    /** French usage for an hour in running text: "9 h 00", "17 h 30". */
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("H 'h' mm", Locale.FRENCH);

    private final LetterTemplates templates;
    private final TownSettings town;
    private final String trackingLinkPattern;
    private final String waitlistLink;

    public LetterWriter(ResourceLoader resources, TownSettings town, LinkSettings links, String publicBaseUrl) {
        this.templates = new LetterTemplates(resources, links.templates(),
                Arrays.stream(LetterKind.values()).map(LetterKind::fileStem).toList());
        this.town = town;
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.trackingLinkPattern = base + absolute(links.trackingPath());
        this.waitlistLink = base + absolute(links.waitlistPath());
    }

    public Letter deposit(List<Addressee> to, long number, Instant depositedAt, String trackingToken) {
        Map<String, String> values = common(to);
        values.put("number", Long.toString(number));
        values.put("depositedOn", day(depositedAt));
        values.put("depositedAt", TIME.format(depositedAt.atZone(town.zone())));
        values.put("trackingLink", trackingLink(trackingToken));
        return templates.render(LetterKind.DEMANDE_DEPOSITED.fileStem(), values);
    }

    public Letter accepted(List<Addressee> to, long number, Instant depositedAt) {
        Map<String, String> values = common(to);
        values.put("number", Long.toString(number));
        values.put("depositedOn", day(depositedAt));
        return templates.render(LetterKind.DEMANDE_ACCEPTED.fileStem(), values);
    }

    public Letter refused(List<Addressee> to, long number, Instant depositedAt, String reason) {
        Map<String, String> values = common(to);
        values.put("number", Long.toString(number));
        values.put("depositedOn", day(depositedAt));
        values.put("reason", reason.strip());
        return templates.render(LetterKind.DEMANDE_REFUSED.fileStem(), values);
    }

    public Letter sessionCancelled(List<Addressee> to, String activity, LocalDate date, String periodLabel,
                                   List<String> children, String reason) {
        Map<String, String> values = common(to);
        values.put("activity", activity);
        values.put("sessionDate", DAY_NAME.format(date) + " " + dayOfMonth(date));
        values.put("period", periodLabel);
        values.put("children", joinFrench(children));
        values.put("reason", reason.strip());
        return templates.render(LetterKind.SESSION_CANCELLED.fileStem(), values);
    }

    public Letter draftExpired(List<Addressee> to, Instant createdAt) {
        Map<String, String> values = common(to);
        values.put("createdOn", day(createdAt));
        return templates.render(LetterKind.DRAFT_EXPIRED.fileStem(), values);
    }

    /** "Une place s'est libérée": the place is the child's until the deadline, if the family accepts it. */
    public Letter placeOffered(List<Addressee> to, String activity, LocalDate date, String periodLabel, String child,
                               Instant expiresAt) {
        Map<String, String> values = waitlistValues(to, activity, date, child);
        values.put("period", capitalized(periodLabel));
        values.put("deadline", dayAndHour(expiresAt));
        return templates.render(LetterKind.PLACE_OFFERED.fileStem(), values);
    }

    /** Nobody answered by the deadline: the offer is gone, and the child is no longer in line. */
    public Letter offerLapsed(List<Addressee> to, String activity, LocalDate date, String periodLabel, String child,
                              Instant deadline) {
        Map<String, String> values = waitlistValues(to, activity, date, child);
        values.put("period", periodLabel);
        values.put("deadline", dayAndHour(deadline));
        return templates.render(LetterKind.OFFER_LAPSED.fileStem(), values);
    }

    /**
     * The lottery's result (product.md §10): one letter per family that entered, listing what each
     * child obtained — still to be decided by staff, as any deposited demande — and where it waits.
     */
    public Letter lotteryResult(List<Addressee> to, String programme, Instant drawnAt, List<DrawLine> lines) {
        Map<String, String> values = common(to);
        values.put("programme", programme);
        values.put("drawnOn", day(drawnAt));
        values.put("waitlistLink", waitlistLink);
        List<String> obtained = lines.stream().filter(DrawLine::obtained)
                .map(line -> session(line) + " — obtenu, à confirmer par le service Enfance").toList();
        List<String> waiting = lines.stream().filter(line -> !line.obtained())
                .map(line -> session(line) + " — en attente, position " + line.position()).toList();
        return templates.render(LetterKind.LOTTERY_RESULT.fileStem(), values, Map.of(
                "obtained", obtained.isEmpty() ? List.of("aucune place") : obtained,
                "waiting", waiting.isEmpty() ? List.of("aucune") : waiting));
    }

    /** "Thaïs : « Poney » le mercredi 12 août 2026 (matin)". */
    private static String session(DrawLine line) {
        return line.child() + " : « " + line.activity() + " » le " + DAY_NAME.format(line.date()) + " "
                + dayOfMonth(line.date()) + " (" + line.period().label() + ")";
    }

    /** "Réinitialisation de votre mot de passe", written with {@link #RESET_LINK_MASK} for the link. */
    public Letter passwordReset(List<Addressee> to) {
        Map<String, String> values = common(to);
        values.put("resetLink", RESET_LINK_MASK);
        return templates.render(LetterKind.PASSWORD_RESET.fileStem(), values);
    }

    /**
     * The erasure's confirmation. It names nobody ("Madame, Monsieur"): the family's names are being erased, and
     * the log keeps this letter (its address blanked once sent).
     */
    public Letter familyErased(Instant erasedAt, boolean onRequest) {
        Map<String, String> values = new HashMap<>();
        values.put("town", town.name());
        values.put("ofTown", town.of());
        values.put("erasedOn", day(erasedAt));
        values.put("why", onRequest ? "Comme vous l'avez demandé"
                : "Votre foyer n'ayant plus réservé depuis la durée de conservation fixée par la Ville");
        return templates.render(LetterKind.FAMILY_ERASED.fileStem(), values);
    }

    /** The public page of one demande; the token is the only thing that identifies it. */
    public String trackingLink(String trackingToken) {
        return trackingLinkPattern.replace("{token}", UriUtils.encodePathSegment(trackingToken, "UTF-8"));
    }

    private Map<String, String> common(List<Addressee> to) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("A letter needs at least one addressee");
        }
        Map<String, String> values = new HashMap<>();
        values.put("greeting", joinFrench(to.stream().map(Addressee::salutation).toList()));
        values.put("town", town.name());
        values.put("ofTown", town.of());
        return values;
    }

    private Map<String, String> waitlistValues(List<Addressee> to, String activity, LocalDate date, String child) {
        Map<String, String> values = common(to);
        values.put("activity", activity);
        values.put("sessionDate", DAY_NAME.format(date) + " " + dayOfMonth(date));
        values.put("child", child);
        values.put("waitlistLink", waitlistLink);
        return values;
    }

    /** "lundi 19 octobre 2020 à 9 h 00", in the town's zone. */
    private String dayAndHour(Instant instant) {
        LocalDate date = instant.atZone(town.zone()).toLocalDate();
        return DAY_NAME.format(date) + " " + dayOfMonth(date) + " à " + HOUR.format(instant.atZone(town.zone()));
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.FRENCH) + text.substring(1);
    }

    private static String absolute(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private String day(Instant instant) {
        return dayOfMonth(instant.atZone(town.zone()).toLocalDate());
    }

    /** "30 septembre 2020", "1er octobre 2020". */
    private static String dayOfMonth(LocalDate date) {
        String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
        return day + " " + MONTH_YEAR.format(date);
    }

    /** "Thaïs", "Thaïs et Eden", "Thaïs, Eden et Loan". */
    private static String joinFrench(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " et " + items.get(items.size() - 1);
    }
}
