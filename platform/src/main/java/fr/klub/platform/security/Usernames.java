package fr.klub.platform.security;

import java.util.Locale;
import java.util.regex.Pattern;

/** Usernames are case-insensitive: trimmed and stored lower-case. */
final class Usernames {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 100;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9._@+-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");

    private Usernames() {
    }

    static String normalize(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }

    static boolean isValid(String normalized) {
        return ALLOWED.matcher(normalized).matches();
    }
}
