package fr.klub.command.demande;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

/** The unguessable token of a demande's public tracking page: 32 random bytes, URL-safe base64. */
@Component
public class TrackingTokens {

    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
