package fr.klub.query.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret of a calendar subscription address: 32 random bytes, base64url without padding
 * (43 characters). Only its SHA-256 is stored, so a copy of the database does not give the
 * addresses away; a hash needs no salt here, as the token itself is random and long.
 */
final class FeedToken {

    private static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private FeedToken(String value) {
        this.value = value;
    }

    static FeedToken generate() {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        return new FeedToken(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The token in an address, if it has a token's shape (anything else cannot be one: no lookup). */
    static Optional<FeedToken> parse(String text) {
        return text != null && SHAPE.matcher(text).matches() ? Optional.of(new FeedToken(text)) : Optional.empty();
    }

    String value() {
        return value;
    }

    /** Hex SHA-256 of the token's text: what the database keeps. */
    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JDK has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        // never the secret itself: it is the address of a family's agenda
        return "FeedToken[…]";
    }
}
