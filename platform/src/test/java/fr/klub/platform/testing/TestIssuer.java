package fr.klub.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * An OpenID provider for tests of the services: it publishes a discovery document and a key set over
 * real HTTP and signs tokens shaped like the embedded provider's (identity-service), so a service's
 * bearer checks run exactly as in production without starting the provider. It also makes the bad
 * tokens (expired, another issuer or audience, another key, {@code alg: none}).
 * Point a service at it with {@code klub.security.oidc.issuer-uri=}{@link #issuer()}.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "klub-api";

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final AtomicInteger keySetReads = new AtomicInteger();

    private TestIssuer(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static TestIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIssuer testIssuer = new TestIssuer(server, newKey());
            server.createContext("/.well-known/openid-configuration", exchange -> testIssuer.reply(exchange,
                    "{\"issuer\":\"" + testIssuer.issuer + "\",\"jwks_uri\":\"" + testIssuer.issuer + "/jwks\"}"));
            server.createContext("/jwks", exchange -> {
                testIssuer.keySetReads.incrementAndGet();
                testIssuer.reply(exchange, new JWKSet(testIssuer.key.toPublicJWK()).toString());
            });
            server.start();
            return testIssuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many times the key set was asked for. */
    public int keySetReads() {
        return keySetReads.get();
    }

    public String issuer() {
        return issuer;
    }

    /** Claims as the embedded provider writes them, valid for five minutes from now. */
    public JWTClaimsSet.Builder claims(UUID accountId, String username, String role, UUID familyId) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(username)
                .audience(List.of("portal", AUDIENCE))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("klub_account_id", accountId.toString())
                .claim("klub_roles", List.of(role));
        if (familyId != null) {
            claims.claim("family_id", familyId.toString());
        }
        return claims;
    }

    /** A good token for an account of the {@code account} table (looked up by username). */
    public String tokenFor(JdbcOperations jdbc, String username) {
        Map<String, Object> row = jdbc.queryForMap("SELECT id, role, family_id FROM account WHERE username = ?", username);
        return sign(claims((UUID) row.get("id"), username, (String) row.get("role"), (UUID) row.get("family_id")).build());
    }

    public String sign(JWTClaimsSet claims) {
        return signWith(key, claims);
    }

    public static String signWith(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims, unsigned ({@code alg: none}). */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
