package fr.klub.identity.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The provider's RSA signing keys, kept in the shared database ({@code identity_signing_key}) so that
 * every instance signs with the same key and tokens survive a restart. The newest key signs; a key
 * older than the rotation period gets a successor (made by whichever instance notices first) and stays
 * published one more period, so that tokens it signed expire before it disappears from the key set.
 * A key marked {@code retired_at} (a leaked key) is dropped at once. Instances re-read the table
 * every minute. docs/decisions/security-openid-connect.md.
 */
public final class SigningKeys implements JWKSource<SecurityContext> {

    private static final Duration RELOAD = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Duration rotation;
    private final Clock clock;
    private volatile Loaded loaded;

    public SigningKeys(JdbcClient jdbc, Duration rotation, Clock clock) {
        this.jdbc = jdbc;
        this.rotation = rotation;
        this.clock = clock;
    }

    private record Loaded(List<RSAKey> keys, Instant at) {
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<RSAKey> keys = keys();
        JWKMatcher matcher = selector.getMatcher();
        // a selection with constraints is the encoder's, which wants exactly one key: the newest;
        // the key set endpoint asks for everything, which it publishes without the private parts
        boolean signing = matcher.isPrivateOnly() || matcher.getAlgorithms() != null || matcher.getKeyIDs() != null;
        return selector.select(new JWKSet(List.<JWK>copyOf(signing ? keys.subList(0, 1) : keys)));
    }

    /** The keys to publish, newest (the signing one) first; makes the first one or a successor when due. */
    List<RSAKey> keys() {
        Loaded current = loaded;
        Instant now = clock.instant();
        if (current == null || current.at().plus(RELOAD).isBefore(now)) {
            synchronized (this) {
                current = loaded;
                if (current == null || current.at().plus(RELOAD).isBefore(now)) {
                    current = new Loaded(load(now), now);
                    loaded = current;
                }
            }
        }
        return current.keys();
    }

    private List<RSAKey> load(Instant now) {
        List<RSAKey> keys = read(now);
        if (keys.isEmpty() || createdAt(keys.get(0)).plus(rotation).isBefore(now)) {
            insert(generate(now));
            keys = read(now);
        }
        return keys;
    }

    private List<RSAKey> read(Instant now) {
        // a key that signed for one period stays published one more, then is forgotten
        return jdbc.sql("SELECT kid, created_at, public_key, private_key FROM identity_signing_key "
                            + "WHERE retired_at IS NULL AND created_at > ? ORDER BY created_at DESC, kid")
                   .param(now.minus(rotation.multipliedBy(2)).atOffset(ZoneOffset.UTC))
                   .query((rs, row) -> parse(rs.getString("kid"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                           rs.getString("public_key"), rs.getString("private_key")))
                   .list();
    }

    private void insert(RSAKey key) {
        try {
            Base64.Encoder base64 = Base64.getEncoder();
            jdbc.sql("INSERT INTO identity_signing_key (kid, created_at, public_key, private_key) VALUES (?, ?, ?, ?)")
                .param(key.getKeyID())
                .param(createdAt(key).atOffset(ZoneOffset.UTC))
                .param(base64.encodeToString(key.toRSAPublicKey().getEncoded()))
                .param(base64.encodeToString(key.toRSAPrivateKey().getEncoded()))
                .update();
        } catch (DuplicateKeyException impossible) {
            // random ids: never the same twice
            throw new IllegalStateException("Signing key id collision", impossible);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot encode a signing key", e);
        }
    }

    private static RSAKey generate(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return key(UUID.randomUUID().toString(), now, (RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make an RSA key pair", e);
        }
    }

    private static RSAKey parse(String kid, Instant createdAt, String publicKey, String privateKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            Base64.Decoder base64 = Base64.getDecoder();
            return key(kid, createdAt,
                    (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(base64.decode(publicKey))),
                    (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(privateKey))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable signing key " + kid, e);
        }
    }

    private static RSAKey key(String kid, Instant createdAt, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        return new RSAKey.Builder(publicKey)
                .privateKey(privateKey)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .issueTime(Date.from(createdAt))
                .build();
    }

    private static Instant createdAt(RSAKey key) {
        return key.getIssueTime().toInstant();
    }
}
