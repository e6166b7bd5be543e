package fr.klub.domain.shared;

import java.time.LocalDate;

/**
 * What a {@link PersonalData} value reads once its family's key is destroyed (product.md §11). A text reads
 * {@value #TEXT}; a date cannot hold words, so it reads {@link #DATE}, a day no child of the club was born on,
 * and is written {@value #TEXT} wherever it is shown as JSON. Code that computes with a birth date asks
 * {@link #is(LocalDate)} first (docs/decisions/privacy-crypto-shredding.md).
 */
public final class Erased {

    public static final String TEXT = "[effacé]";
    public static final LocalDate DATE = LocalDate.of(1, 1, 1);

    private Erased() {
    }

    public static boolean is(String value) {
        return TEXT.equals(value);
    }

    public static boolean is(LocalDate value) {
        return DATE.equals(value);
    }
}
