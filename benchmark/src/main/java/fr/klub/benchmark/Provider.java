package fr.klub.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity-service (the embedded OpenID provider) beside a {@link KlubSystem}: the three services
 * trust its tokens when they are started with {@link #serviceArguments()}, and it registers the
 * parents' portal as its client, with the redirect address given.
 */
final class Provider {

    static final String PORTAL_CLIENT = "portal";
    static final String PORTAL_SECRET = "portail-bench-secret";

    private final int port = KlubSystem.freePort();
    private final List<String> arguments;

    /** With the provider's own token lifetimes (the portal phase measures their refreshes). */
    Provider() {
        this.arguments = List.of();
    }

    /** With access tokens of this life (at most the 30 minutes the provider allows). */
    Provider(java.time.Duration accessTokenTtl) {
        this.arguments = List.of("--klub.identity.access-token-ttl=" + accessTokenTtl);
    }

    String issuer() {
        return "http://localhost:" + port;
    }

    /** For {@link KlubSystem#create(Settings, java.nio.file.Path, List)}: the services accept its tokens. */
    List<String> serviceArguments() {
        return List.of("--klub.security.oidc.issuer-uri=" + issuer());
    }

    /**
     * The provider's JVM, to start once the command-service has migrated the database.
     *
     * @param portalUrl where the portal client's redirect and post-logout addresses point
     */
    ServiceProcess process(Settings settings, KlubSystem klub, String portalUrl) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "prod");
        environment.put("KLUB_DB_URL", klub.database.jdbcUrl());
        environment.put("KLUB_DB_USER", Database.USER);
        environment.put("KLUB_DB_PASSWORD", Database.PASSWORD);
        // the identity-service erases a family's logins with its key: prod refuses to start without it
        environment.put("KLUB_MASTER_KEY", KlubSystem.MASTER_KEY);
        environment.put("KLUB_IDENTITY_ISSUER", issuer());
        environment.put("KLUB_IDENTITY_PORTAL_CLIENTSECRET", PORTAL_SECRET);
        environment.put("KLUB_IDENTITY_PORTAL_REDIRECTURIS", redirectUri(portalUrl));
        environment.put("KLUB_IDENTITY_PORTAL_POSTLOGOUTREDIRECTURIS", portalUrl + "/");
        return new ServiceProcess("identity-service", KlubSystem.jar(settings.repositoryRoot(), "identity-service"), port,
                KlubSystem.jvm(settings, "IDENTITY"), arguments, environment, settings.work().resolve("logs"));
    }

    /** The portal's callback, where the provider sends a signed-in parent with an authorization code. */
    static String redirectUri(String portalUrl) {
        return portalUrl + "/login/oauth2/code/klub";
    }
}
