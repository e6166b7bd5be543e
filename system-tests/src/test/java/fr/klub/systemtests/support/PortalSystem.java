package fr.klub.systemtests.support;

import java.util.List;

/**
 * A {@link KlubSystem} of the browser tests' own ({@link KlubSystem#separate()}, with its
 * identity-service) plus the portal, in a JVM of its own started from its jar with the {@code dev}
 * profile, on the port the provider was given as the portal's. Started once for the run.
 */
public final class PortalSystem {

    /** What the browser classes share and use one at a time: this system's data ({@link OnThePortalSystem}). */
    public static final String DATA = "klub.portal-system";

    private static PortalSystem running;

    private final KlubSystem system;
    private final String portalUrl;
    private final ChildService portal;

    private PortalSystem(KlubSystem system, String portalUrl, ChildService portal) {
        this.system = system;
        this.portalUrl = portalUrl;
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
        KlubSystem system = KlubSystem.separate();
        String portalUrl = "http://localhost:" + system.portalPort();
        ChildService portal = ChildService.start("portal", portalUrl + "/actuator/health", List.of(
                "--spring.profiles.active=dev",
                "--server.port=" + system.portalPort(),
                "--klub.portal.oidc.issuer=" + system.issuer(),
                "--klub.portal.command-url=" + system.command().baseUrl(),
                "--klub.portal.query-url=" + system.query().baseUrl(),
                "--klub.portal.notification-url=" + system.notification().baseUrl(),
                "--klub.portal.town-name=Ville d'Auray",
                // a cold JVM's first answers on a shared 2-core machine: the portal must not call that "down"
                "--klub.portal.read-timeout=30s"));
        return new PortalSystem(system, portalUrl, portal);
    }

    private void stop() {
        portal.stop();
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
