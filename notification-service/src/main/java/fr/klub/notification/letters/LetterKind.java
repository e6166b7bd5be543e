package fr.klub.notification.letters;

import java.util.Locale;

/** The letters the town sends; the name is what the notification log records as "template". */
public enum LetterKind {
    DEMANDE_DEPOSITED,
    DEMANDE_ACCEPTED,
    DEMANDE_REFUSED,
    SESSION_CANCELLED,
    DRAFT_EXPIRED,
    PLACE_OFFERED,
    OFFER_LAPSED,
    /** "J'ai oublié mon mot de passe": its link is in the log only as a mask (docs/notifications.md). */
    PASSWORD_RESET,
    /** The lottery's result: one per family that entered the draw (product.md §10). */
    LOTTERY_RESULT,
    /** "Effacement de vos données": the last letter to an erased family; its address is blanked once sent. */
    FAMILY_ERASED;

    /** File name stem under the templates location, e.g. {@code demande-deposited}. */
    String fileStem() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
