package fr.klub.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

import fr.klub.platform.demo.DemoLogins;
import fr.klub.systemtests.support.ConfigurationReadBy;
import fr.klub.systemtests.support.Repository;
import fr.klub.systemtests.support.ServiceApps;

/**
 * No Docker engine runs where we build, so docker-compose.yml is checked against what the services
 * really are: one compose service per module, built from the Dockerfile; the ports their
 * configuration listens on; health checks on {@code /actuator/health}; start order on healthy
 * dependencies; and every environment variable it sets is one the service actually reads (a
 * misspelt variable is silently ignored by Spring, so this is where it gets caught). In front, a TLS
 * proxy (Caddy, deploy/Caddyfile) is the only published entry: one host name per service, to the
 * port its configuration listens on; Mailpit's web interface on the loopback only.
 */
class ComposeFileTest {

    private static Map<String, Object> services;
    private static Map<String, Object> volumes;
    private static String dockerfile;
    private static String caddyfile;

    @BeforeAll
    static void readTheComposeFile() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Repository.file("docker-compose.yml")));
        services = map(compose.get("services"));
        volumes = map(compose.get("volumes"));
        dockerfile = Files.readString(Repository.file("Dockerfile"));
        caddyfile = Files.readString(Repository.file(CADDYFILE));
    }

    private static final String CADDYFILE = "deploy/Caddyfile";

    @Test
    void it_runs_postgresql_17_a_mail_catcher_with_a_web_ui_the_three_services_and_a_tls_proxy() {
        assertThat(services).containsOnlyKeys("postgres", "mailpit", "command-service", "query-service",
                "notification-service", "identity-service", "portal", "proxy");
        assertThat(String.valueOf(map(services.get("postgres")).get("image"))).startsWith("postgres:17");
        Map<String, Object> mailpit = map(services.get("mailpit"));
        assertThat(String.valueOf(mailpit.get("image"))).contains("mailpit");
        assertThat(containerPorts(mailpit)).contains(8025);
        assertThat(map(services.get("postgres"))).containsKey("healthcheck");
        assertThat(mailpit).containsKey("healthcheck");
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void each_service_is_built_from_the_shared_dockerfile_for_its_module(ServiceApps app) {
        Map<String, Object> build = map(service(app).get("build"));
        assertThat(build.get("context")).isEqualTo(".");
        assertThat(build.get("dockerfile")).isEqualTo("Dockerfile");
        assertThat(map(build.get("args"))).containsEntry("SERVICE", app.serviceName());
        assertThat(Repository.file(app.serviceName() + "/pom.xml")).exists();
        assertThat(dockerfile).contains("ARG SERVICE", "/src/${SERVICE}/target/${SERVICE}-*-exec.jar",
                "-pl command-service,query-service,notification-service");
    }

    /** The port a service's configuration listens on is the one it exposes to the proxy, and nothing more. */
    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void each_service_publishes_no_port_and_exposes_the_one_its_configuration_listens_on(ServiceApps app)
            throws IOException {
        int port = serverPort(app);
        assertThat(port).isEqualTo(app.defaultPort());
        assertThat(service(app)).as(app.serviceName() + " is reached through the proxy only").doesNotContainKey("ports");
        assertThat(list(service(app).get("expose")).stream().map(String::valueOf)).containsExactly(String.valueOf(port));
        assertThat(dockerfile).contains("EXPOSE").contains(String.valueOf(port));
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void the_proxy_routes_one_https_host_name_to_each_service_on_its_port(ServiceApps app) throws IOException {
        String upstream = app.serviceName() + ":" + serverPort(app);
        Matcher site = Pattern.compile("(?m)^([a-z]+)\\.\\{\\$KLUB_DOMAIN:localhost}\\s*\\{\\s*\\n\\s*import klub "
                + Pattern.quote(upstream) + "\\s*$").matcher(caddyfile);
        assertThat(site.find()).as("a site of " + CADDYFILE + " proxying to " + upstream).isTrue();
        assertThat(caddyfile).contains("reverse_proxy {args[0]}");
        assertThat(map(map(services.get("proxy")).get("depends_on")).get(app.serviceName()))
                .isEqualTo(Map.of("condition", "service_healthy"));
    }

    @Test
    void the_proxy_alone_is_published_terminating_tls_with_its_certificates_kept() {
        Map<String, Object> proxy = map(services.get("proxy"));
        assertThat(String.valueOf(proxy.get("image"))).startsWith("caddy:2");
        assertThat(list(proxy.get("ports"))).contains("443:443", "80:80");
        assertThat(list(proxy.get("volumes")).stream().map(String::valueOf))
                .contains("./" + CADDYFILE + ":/etc/caddy/Caddyfile:ro")
                .anyMatch(volume -> volume.startsWith("klub-caddy-data:/data"));
        assertThat(volumes).containsKey("klub-caddy-data");
        assertThat(String.valueOf(map(proxy.get("environment")).get("KLUB_DOMAIN"))).startsWith("${KLUB_DOMAIN:-");
        assertThat(map(services.get("postgres"))).doesNotContainKey("ports");
        // no "tls internal", no plain-HTTP site: every host is served over HTTPS, certificates by Caddy
        String directives = caddyfile.replaceAll("(?m)^\\s*#.*$", "");
        assertThat(directives).doesNotContain("http://").doesNotContain("tls internal").doesNotContain("trusted_proxies");
    }

    /**
     * The embedded OpenID provider runs like the services (shared Dockerfile, prod profile, no port of
     * its own, health check, after the migrations) behind its own host name, which is its issuer; the
     * three services check tokens of that issuer with the keys read inside the network.
     */
    @Test
    void the_identity_service_issues_the_tokens_the_services_accept_through_the_proxy() throws IOException {
        Map<String, Object> identity = map(services.get("identity-service"));
        Map<String, Object> build = map(identity.get("build"));
        assertThat(build.get("dockerfile")).isEqualTo("Dockerfile");
        assertThat(map(build.get("args"))).containsEntry("SERVICE", "identity-service");
        assertThat(dockerfile).containsPattern("-pl [a-z,-]*identity-service[a-z,-]* -am package").contains("8084");
        String yml = Files.readString(Repository.file("identity-service/src/main/resources/application.yml"));
        Map<String, Object> first = new Yaml().loadAll(yml).iterator().next() instanceof Map<?, ?> m ? cast(m) : Map.of();
        assertThat(String.valueOf(map(first.get("server")).get("port"))).isEqualTo("8084");
        assertThat(identity).doesNotContainKey("ports");
        assertThat(list(identity.get("expose")).stream().map(String::valueOf)).containsExactly("8084");
        assertThat(String.join(" ", list(map(identity.get("healthcheck")).get("test")).stream().map(String::valueOf).toList()))
                .contains("http://localhost:8084/actuator/health");
        assertThat(map(map(identity.get("depends_on")).get("command-service"))).containsEntry("condition", "service_healthy");
        assertThat(map(map(services.get("proxy")).get("depends_on")).get("identity-service"))
                .isEqualTo(Map.of("condition", "service_healthy"));

        Map<String, Object> environment = map(identity.get("environment"));
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        String issuer = String.valueOf(environment.get("KLUB_IDENTITY_ISSUER"));
        assertThat(issuer).isEqualTo("https://identite.${KLUB_DOMAIN:-localhost}");
        assertThat(caddyfile).containsPattern("(?m)^identite\\.\\{\\$KLUB_DOMAIN:localhost}\\s*\\{\\s*\\n\\s*import klub identity-service:8084\\s*$");
        assertThat(environment.keySet()).allMatch(name -> name.startsWith("KLUB_") || name.startsWith("SPRING_")
                || name.equals("JAVA_OPTS") || name.startsWith("LOGGING_"));
        for (ServiceApps app : ServiceApps.values()) {
            Map<String, Object> serviceEnvironment = map(service(app).get("environment"));
            assertThat(serviceEnvironment).as(app.serviceName()).containsEntry("KLUB_SECURITY_OIDC_ISSUERURI", issuer)
                    .containsEntry("KLUB_SECURITY_OIDC_JWKSETURI", "http://identity-service:8084/oauth2/jwks");
        }
    }

    /** Mailpit shows every mail (names, addresses, tracking links): never on a public interface. */
    @Test
    void mailpits_web_interface_is_published_on_the_loopback_interface_only() {
        List<String> published = list(map(services.get("mailpit")).get("ports")).stream().map(String::valueOf).toList();
        assertThat(published).isNotEmpty().allMatch(mapping -> mapping.startsWith("127.0.0.1:"), "bound to 127.0.0.1");
    }

    /** The families' links lead to the portal's tracking page through the proxy, over https. */
    @Test
    void the_links_in_the_mails_lead_to_the_proxy_over_https() {
        Map<String, Object> environment = map(service(ServiceApps.NOTIFICATION).get("environment"));
        assertThat(String.valueOf(environment.get("KLUB_PUBLIC_BASE_URL"))).contains("https://famille.${KLUB_DOMAIN:-localhost}");
        assertThat(environment).containsEntry("KLUB_MAIL_TRACKINGPATH", "/suivi/{token}");
        assertThat(caddyfile).contains("famille.{$KLUB_DOMAIN:localhost}");
    }

    /** Behind the proxy, scheme, host and client address come from its X-Forwarded-* headers. */
    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void each_services_production_profile_takes_the_forwarded_headers_from_the_proxy(ServiceApps app)
            throws IOException {
        String yml = Files.readString(Repository.file(app.serviceName() + "/src/main/resources/application.yml"));
        Map<String, Object> prod = null;
        for (Object document : new Yaml().loadAll(yml)) {
            if (document instanceof Map<?, ?> section && String.valueOf(section).contains("on-profile=prod")) {
                prod = cast(section);
            }
        }
        assertThat(prod).as("the prod section of " + app.serviceName()).isNotNull();
        assertThat(map(prod.get("server"))).containsEntry("forward-headers-strategy", "native");
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void each_health_check_asks_the_service_its_actuator_health(ServiceApps app) throws IOException {
        List<Object> test = list(map(service(app).get("healthcheck")).get("test"));
        assertThat(String.join(" ", test.stream().map(String::valueOf).toList()))
                .contains("http://localhost:" + serverPort(app) + "/actuator/health");
        assertThat(dockerfile).as("the image has the health check's tool").contains("install").contains("curl");
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void each_service_starts_once_what_it_needs_is_healthy(ServiceApps app) {
        Map<String, Object> dependsOn = map(service(app).get("depends_on"));
        assertThat(map(dependsOn.get("postgres"))).containsEntry("condition", "service_healthy");
        if (app != ServiceApps.COMMAND) {
            // the command-service applies the schema migrations first
            assertThat(map(dependsOn.get("command-service"))).containsEntry("condition", "service_healthy");
        }
        if (app == ServiceApps.NOTIFICATION) {
            assertThat(map(dependsOn.get("mailpit"))).containsEntry("condition", "service_healthy");
        }
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void every_environment_variable_set_is_one_the_service_reads(ServiceApps app) {
        ConfigurationReadBy configuration = new ConfigurationReadBy(app);
        Map<String, Object> environment = map(service(app).get("environment"));
        assertThat(environment).isNotEmpty();
        List<String> unread = new ArrayList<>();
        environment.keySet().stream().filter(name -> !configuration.reads(name)).forEach(unread::add);
        assertThat(unread).as("variables " + app.serviceName() + " never reads").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ServiceApps.class)
    void each_service_runs_the_production_profile_on_postgresql_without_a_default_password(ServiceApps app) {
        Map<String, Object> environment = map(service(app).get("environment"));
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        assertThat(String.valueOf(environment.get("KLUB_DB_URL"))).startsWith("jdbc:postgresql://postgres:5432/");
        List<String> demoPasswords = DemoLogins.load().passwords();
        environment.forEach((name, value) -> {
            assertThat(demoPasswords).doesNotContain(String.valueOf(value));
            if (name.endsWith("PASSWORD")) {
                assertThat(String.valueOf(value)).as(name + " comes from the operator").matches("\\$\\{[A-Z_]+:\\?.*}");
            }
        });
    }

    /** The parents' portal: same image recipe, production profile, behind the proxy, no default secret. */
    @Test
    void the_portal_runs_from_the_shared_dockerfile_behind_the_proxy_with_its_secret_from_the_operator() throws IOException {
        Map<String, Object> portal = map(services.get("portal"));
        assertThat(map(map(portal.get("build")).get("args"))).containsEntry("SERVICE", "portal");
        assertThat(dockerfile).contains(",portal -am package");
        assertThat(portal).doesNotContainKey("ports");
        assertThat(list(portal.get("expose")).stream().map(String::valueOf).toList()).containsExactly("8080");
        assertThat(String.join(" ", list(map(portal.get("healthcheck")).get("test")).stream().map(String::valueOf).toList()))
                .contains("http://localhost:8080/actuator/health");
        assertThat(caddyfile).contains("famille.{$KLUB_DOMAIN:localhost}").contains("portal:8080");
        assertThat(map(map(services.get("proxy")).get("depends_on")).get("portal")).isNotNull();

        Map<String, Object> environment = map(portal.get("environment"));
        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        assertThat(String.valueOf(environment.get("KLUB_PORTAL_CLIENTSECRET"))).matches("\\$\\{[A-Z_]+:\\?.*}");
        String yml = Files.readString(Repository.file("portal/src/main/resources/application.yml"));
        environment.keySet().stream().filter(name -> name.startsWith("KLUB_"))
                .forEach(name -> assertThat(yml).as(name + " is read by the portal").contains("${" + name + ":"));
    }

    @Test
    void the_check_catches_a_variable_that_relaxed_binding_would_ignore() {
        ConfigurationReadBy notification = new ConfigurationReadBy(ServiceApps.NOTIFICATION);
        assertThat(notification.reads("KLUB_MAIL_TRACKINGPATH")).isTrue();
        assertThat(notification.reads("KLUB_PUBLIC_BASE_URL")).isTrue();
        assertThat(notification.reads("SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH")).isTrue();
        assertThat(notification.reads("KLUB_MAIL_TRACKING_PATH")).isFalse();
        assertThat(notification.reads("KLUB_PUBLIC_URL")).isFalse();
        assertThat(new ConfigurationReadBy(ServiceApps.QUERY).reads("KLUB_BOOTSTRAP_STAFF_PASSWORD")).isTrue();
        assertThat(new ConfigurationReadBy(ServiceApps.QUERY).reads("KLUB_TOWN_NAME")).isFalse();
    }

    private static Map<String, Object> service(ServiceApps app) {
        return map(services.get(app.serviceName()));
    }

    private static int serverPort(ServiceApps app) throws IOException {
        String yml = Files.readString(Repository.file(app.serviceName() + "/src/main/resources/application.yml"));
        Map<String, Object> first = new Yaml().loadAll(yml).iterator().next() instanceof Map<?, ?> m ? cast(m) : Map.of();
        return Integer.parseInt(String.valueOf(map(first.get("server")).get("port")));
    }

    /** Container side of each "host:container" (or "range:container") mapping. */
    private static List<Integer> containerPorts(Map<String, Object> service) {
        return list(service.get("ports")).stream()
                .map(String::valueOf)
                .map(mapping -> mapping.substring(mapping.lastIndexOf(':') + 1).replaceAll("/.*", ""))
                .map(Integer::valueOf)
                .toList();
    }

    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return cast((Map<?, ?>) value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
