package fr.klub.benchmark;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parents' access tokens as the portal holds them: each parent signed in once through the provider's
 * form (authorization code with PKCE, the portal's confidential client), the tokens kept on the
 * "server" — here the benchmark — and sent as {@code Authorization: Bearer}. A token that expires
 * within {@link #REFRESH_AHEAD} is refreshed before use (refresh grant, rotated), as Spring Security's
 * OAuth client does for the portal; the parent waits for it.
 */
final class ParentTokens {

    /** Spring Security's authorized-client managers refresh this long before expiry (their clock skew). */
    static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);
    private static final Duration TIME_OUT = Duration.ofSeconds(30);
    /** A busy provider answers 503 (temporarily_unavailable): set-up retries rather than lose the run. */
    private static final int TRIES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final String redirectUri;
    private final String clientAuthorization;
    private final HttpClient http = PortalClient.sharedHttp();
    private final Map<UUID, Parent> parents = new ConcurrentHashMap<>();
    private final AtomicLong refreshedInUse = new AtomicLong();

    ParentTokens(String issuer, String redirectUri) {
        this.issuer = issuer;
        this.redirectUri = redirectUri;
        this.clientAuthorization = "Basic " + Base64.getEncoder().encodeToString((encode(Provider.PORTAL_CLIENT) + ":"
                + encode(Provider.PORTAL_SECRET)).getBytes(StandardCharsets.UTF_8));
    }

    /** A parent's tokens; {@code expiresAt} on {@link System#nanoTime()}'s scale. */
    record Tokens(String access, String refresh, long expiresAt) {
        /** Whether a client would refresh it before using it at {@code now}. */
        boolean due(long now) {
            return expiresAt - now < REFRESH_AHEAD.toNanos();
        }

        boolean expired(long now) {
            return expiresAt - now <= 0;
        }
    }

    private static final class Parent {
        private final String username;
        private Tokens tokens;

        Parent(String username, Tokens tokens) {
            this.username = username;
            this.tokens = tokens;
        }
    }

    /** Signs every parent in through the provider's form, {@code threads} at a time. */
    void signIn(List<Population.Family> families, String password, int threads) {
        Population.parallel(families.size(), threads, i -> {
            Population.Family family = families.get(i);
            parents.put(family.familyId(), new Parent(family.login().username(), signIn(family.login().username(), password)));
            return null;
        });
    }

    /**
     * The parent's login for the next request: its access token, refreshed first if due. A refresh the
     * provider refuses keeps the current token while it lasts, as the portal does.
     */
    Api.Login login(Population.Family family) {
        Parent parent = parents.get(family.familyId());
        if (parent == null) {
            throw new IllegalStateException("not signed in: " + family.familyId());
        }
        synchronized (parent) {
            long now = System.nanoTime();
            if (parent.tokens.due(now)) {
                try {
                    parent.tokens = refresh(parent.tokens, 1);
                    refreshedInUse.incrementAndGet();
                } catch (IllegalStateException refused) {
                    if (parent.tokens.expired(now)) {
                        throw refused;
                    }
                }
            }
            return new Api.Login(parent.username, "Bearer " + parent.tokens.access());
        }
    }

    /**
     * Refreshes, {@code threads} at a time, every token that would expire within {@code life}: done
     * before a measured phase, so that its reads do not all refresh together (the parents signed in
     * within the same minutes, so their tokens expire together). Returns how many were refreshed.
     */
    int renew(Duration life, int threads) {
        // soonest expiry first, each checked when its turn comes: renewing thousands takes minutes on a
        // busy machine, and a token that had enough life at the start may not have it at the end
        List<Parent> bySoonest = parents.values().stream()
                .sorted(java.util.Comparator.comparingLong(parent -> parent.tokens.expiresAt())).toList();
        AtomicLong renewed = new AtomicLong();
        Population.parallel(bySoonest.size(), threads, i -> {
            Parent parent = bySoonest.get(i);
            synchronized (parent) {
                if (parent.tokens.expiresAt() - System.nanoTime() < life.toNanos()) {
                    parent.tokens = refresh(parent.tokens, TRIES);
                    renewed.incrementAndGet();
                }
            }
            return null;
        });
        return renewed.intValue();
    }

    /** Refreshes made by {@link #login} so far (each one inside a measured read). */
    long refreshedInUse() {
        return refreshedInUse.get();
    }

    private Tokens signIn(String username, String password) {
        PortalClient browser = new PortalClient(http);
        String verifier = randomToken();
        String state = randomToken();
        Map<String, String> authorization = new LinkedHashMap<>();
        authorization.put("response_type", "code");
        authorization.put("client_id", Provider.PORTAL_CLIENT);
        authorization.put("scope", "openid profile");
        authorization.put("redirect_uri", redirectUri);
        authorization.put("state", state);
        authorization.put("code_challenge", challenge(verifier));
        authorization.put("code_challenge_method", "S256");
        PortalClient.Page form = browser.get(issuer + "/oauth2/authorize?" + form(authorization));
        if (!form.ok() || !form.html().contains("motDePasse")) {
            throw new IllegalStateException("no sign-in form: " + form.status() + " at " + form.url());
        }
        PortalClient.Page back = browser.post(URI.create(form.url()).resolve("/connexion").toString(),
                Map.of("identifiant", List.of(username), "motDePasse", List.of(password)), form.html(), redirectUri);
        if (!back.url().startsWith(redirectUri)) {
            throw new IllegalStateException("sign-in ended at " + back.url() + " (" + back.status() + ")");
        }
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", codeFrom(back.url(), state));
        exchange.put("redirect_uri", redirectUri);
        exchange.put("code_verifier", verifier);
        return tokens(exchange, TRIES);
    }

    private Tokens refresh(Tokens current, int tries) {
        Map<String, String> refresh = new LinkedHashMap<>();
        refresh.put("grant_type", "refresh_token");
        refresh.put("refresh_token", current.refresh());
        return tokens(refresh, tries);
    }

    /** A call to the token endpoint, authenticated as the portal (client_secret_basic). */
    private Tokens tokens(Map<String, String> grant, int tries) {
        for (int attempt = 1; ; attempt++) {
            long sent = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token")).timeout(TIME_OUT)
                        .header("Authorization", clientAuthorization)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(grant))).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException unreachable) {
                if (attempt < tries) {
                    Pause.millis(1000);
                    continue;
                }
                throw new IllegalStateException("token endpoint unreachable: " + unreachable.getClass().getSimpleName());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            if (answer.statusCode() == 200) {
                JsonNode body = new Api.Answer(200, answer.body(), "", 0).json();
                // the lifetime counts from the request: the client cannot know when the provider signed it
                return new Tokens(body.path("access_token").asText(), body.path("refresh_token").asText(),
                        sent + Duration.ofSeconds(body.path("expires_in").asLong()).toNanos());
            }
            if (answer.statusCode() == 503 && attempt < tries) {
                Pause.millis(1000);
                continue;
            }
            // the provider's answer carries an error code, never the tokens: it may be logged
            throw new IllegalStateException("token endpoint: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** PKCE's S256 challenge of a verifier (RFC 7636, 4.2). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The authorization code of the provider's redirect to the client, if it answers this request ({@code state}). */
    static String codeFrom(String redirect, String state) {
        Map<String, String> query = parameters(URI.create(redirect).getRawQuery());
        if (query.containsKey("error")) {
            throw new IllegalStateException("authorization refused: " + query.get("error"));
        }
        if (!state.equals(query.get("state")) || query.get("code") == null) {
            throw new IllegalStateException("not the answer to this authorization request");
        }
        return query.get("code");
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
