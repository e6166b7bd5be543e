package fr.klub.domain.programme;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The commitment to a lottery's seed: its SHA-256, in lower-case hex. */
public final class Lottery {

    private Lottery() {
    }

    public static String commitmentOf(byte[] seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
