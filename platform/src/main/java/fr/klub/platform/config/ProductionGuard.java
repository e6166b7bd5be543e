package fr.klub.platform.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import fr.klub.platform.demo.DemoLogins;
import fr.klub.platform.privacy.MasterKeys;

/**
 * With the {@code prod} profile, a service refuses to start — before it opens any connection —
 * when it would run on something other than the configured PostgreSQL or with a public password:
 * <ul>
 *   <li>no datasource ({@code KLUB_DB_URL}, {@code KLUB_DB_USER}, {@code KLUB_DB_PASSWORD}), or the
 *       embedded H2 database;</li>
 *   <li>the {@code dev} profile active as well (demo data, embedded mail server, demo clock);</li>
 *   <li>a bootstrap account ({@code KLUB_BOOTSTRAP_*_PASSWORD}) using one of the demo passwords that
 *       the README publishes;</li>
 *   <li>no master key of the personal data ({@code KLUB_MASTER_KEY}), the public dev one, or its
 *       encryption switched off (docs/decisions/privacy-crypto-shredding.md).</li>
 * </ul>
 * Runs after the configuration files are read (active profiles are known), as an
 * EnvironmentPostProcessor so that nothing has started yet.
 */
public class ProductionGuard implements EnvironmentPostProcessor, Ordered {

    public static final String PROD = "prod";

    private static final List<String> BOOTSTRAP_PASSWORDS = List.of(
            "klub.bootstrap.staff.password", "klub.bootstrap.auditor.password");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> profiles = Arrays.asList(environment.getActiveProfiles());
        if (!profiles.contains(PROD)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (profiles.contains("dev")) {
            problems.add("les profils prod et dev sont actifs ensemble : le profil dev (données et comptes de démonstration, "
                    + "serveur de courriel embarqué, horloge de démonstration) est interdit en production.");
        }
        String url = required(environment, "spring.datasource.url", "KLUB_DB_URL", problems);
        if (url != null && url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            problems.add("KLUB_DB_URL désigne la base H2 embarquée (" + url + ") : la production tourne sur PostgreSQL, "
                    + "par exemple KLUB_DB_URL=jdbc:postgresql://db.example:5432/klub.");
        }
        required(environment, "spring.datasource.username", "KLUB_DB_USER", problems);
        required(environment, "spring.datasource.password", "KLUB_DB_PASSWORD", problems);
        List<String> demoPasswords = DemoLogins.load().passwords();
        for (String key : BOOTSTRAP_PASSWORDS) {
            String password = resolved(environment, key);
            if (password != null && demoPasswords.contains(password)) {
                problems.add(key + " (" + envName(key) + ") est un mot de passe de démonstration, publié dans le README : "
                        + "choisissez un mot de passe propre à cette installation.");
            }
        }
        String masterKey = resolved(environment, "klub.privacy.master-key");
        if (masterKey == null || masterKey.isBlank() || masterKey.strip().equals(MasterKeys.DEV_KEY)) {
            problems.add("KLUB_MASTER_KEY n'est pas défini (klub.privacy.master-key), ou c'est la clé publique de "
                    + "développement : la production chiffre les données personnelles avec sa propre clé maîtresse, "
                    + "32 octets aléatoires en base64 (openssl rand -base64 32), à conserver hors de la base et à ne jamais perdre.");
        }
        // the benchmark's comparison (docs/benchmark.md) is the one run allowed to measure without encryption
        if ("false".equalsIgnoreCase(String.valueOf(resolved(environment, "klub.privacy.encryption")).strip())
                && !profiles.contains("benchmark")) {
            problems.add("klub.privacy.encryption=false : le chiffrement des données personnelles ne se désactive pas en production.");
        }
        if (!problems.isEmpty()) {
            throw new UnsafeProductionConfiguration(problems);
        }
    }

    private static String required(ConfigurableEnvironment environment, String key, String variable, List<String> problems) {
        String value = resolved(environment, key);
        if (value == null || value.isBlank()) {
            problems.add(variable + " n'est pas défini (" + key + ") : la production exige sa base PostgreSQL, "
                    + "configurée par les variables d'environnement KLUB_DB_URL, KLUB_DB_USER et KLUB_DB_PASSWORD.");
            return null;
        }
        return value;
    }

    /** The value, or null when absent or when it refers to an environment variable that is not set. */
    private static String resolved(ConfigurableEnvironment environment, String key) {
        try {
            return environment.getProperty(key);
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return null;
        }
    }

    private static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
