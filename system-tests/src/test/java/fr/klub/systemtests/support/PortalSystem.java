package fr.klub.systemtests.support;

import java.util.List;

/**
 * {@link KlubSystem} plus what a parent's browser needs: the identity-service (the embedded OpenID
 * Connect provider, on {@link KlubSystem#IDENTITY_PORT}, the same database) and the portal, each in a
 * JVM of its own started from its jar, both with the {@code dev} profile, the portal's redirect
 * address registered at the provider for the portal's free port. Started once for the run.
 */
public final class PortalSystem {

    private static PortalSystem running;

    private final KlubSystem system;
    private final String portalUrl;
    private final ChildService identity;
    private final ChildService portal;

    private PortalSystem(KlubSystem system, String portalUrl, ChildService identity, ChildService portal) {
        this.system = system;
        this.portalUrl = portalUrl;
        this.identity = identity;
        this.portal = portal;
    }

    public static synchronized PortalSystem get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "portal-system-stop"));
        }
        return running;
    }

    private static PortalSystem start() {
        KlubSystem system = KlubSystem.get();
        String issuer = "http://localhost:" + KlubSystem.IDENTITY_PORT;
        int portalPort = ServiceApps.freePort();
        String portalUrl = "http://localhost:" + portalPort;
        ChildService identity = ChildService.start("identity-service", issuer + "/.well-known/openid-configuration", List.of(
                "--spring.profiles.active=dev",
                "--server.port=" + KlubSystem.IDENTITY_PORT,
                "--spring.datasource.url=" + system.databaseUrl(),
                "--klub.identity.issuer=" + issuer,
                "--klub.identity.portal.redirect-uris=" + portalUrl + "/login/oauth2/code/klub",
                "--klub.identity.portal.post-logout-redirect-uris=" + portalUrl + "/"));
        ChildService portal = ChildService.start("portal", portalUrl + "/actuator/health", List.of(
                "--spring.profiles.active=dev",
                "--server.port=" + portalPort,
                "--klub.portal.oidc.issuer=" + issuer,
                "--klub.portal.command-url=" + system.command().baseUrl(),
                "--klub.portal.query-url=" + system.query().baseUrl(),
                "--klub.portal.town-name=Ville d'Auray",
                // a cold JVM's first answers on a shared 2-core machine: the portal must not call that "down"
                "--klub.portal.read-timeout=30s"));
        return new PortalSystem(system, portalUrl, identity, portal);
    }

    private void stop() {
        portal.stop();
        identity.stop();
    }

    public KlubSystem system() {
        return system;
    }

    /** The portal's base URL, e.g. {@code http://localhost:41234}. */
    public String url() {
        return portalUrl;
    }

    public String url(String path) {
        return portalUrl + path;
    }
}
