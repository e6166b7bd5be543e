package fr.klub.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import fr.klub.platform.privacy.MasterKeys;

/** The prod profile refuses to run without a master key of its own for personal data (product.md §11). */
class ProductionGuardMasterKeyTest {

    private static final String TOWN_KEY = "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private static StandardEnvironment prod(String profiles, Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> all = new HashMap<>(Map.of(
                "spring.datasource.url", "jdbc:postgresql://localhost:5432/klub",
                "spring.datasource.username", "klub",
                "spring.datasource.password", "a-database-secret"));
        all.putAll(settings);
        environment.getPropertySources().addFirst(new MapPropertySource("test", all));
        environment.setActiveProfiles(profiles.split(","));
        return environment;
    }

    private static void start(StandardEnvironment environment) {
        new ProductionGuard().postProcessEnvironment(environment, null);
    }

    @Test
    void refusesNoMasterKeyAndThePublicDevKey() {
        assertThatThrownBy(() -> start(prod("prod", Map.of())))
                .isInstanceOf(UnsafeProductionConfiguration.class).hasMessageContaining("KLUB_MASTER_KEY n'est pas défini");
        assertThatThrownBy(() -> start(prod("prod", Map.of("klub.privacy.master-key", MasterKeys.DEV_KEY))))
                .hasMessageContaining("la clé publique de développement");
    }

    @Test
    void refusesEncryptionOffExceptForTheBenchmarksComparison() {
        Map<String, Object> off = Map.of("klub.privacy.master-key", TOWN_KEY, "klub.privacy.encryption", "false");
        assertThatThrownBy(() -> start(prod("prod", off))).hasMessageContaining("ne se désactive pas en production");
        start(prod("prod,benchmark", off));
    }

    @Test
    void startsWithTheTownsOwnKey() {
        StandardEnvironment environment = prod("prod", Map.of("klub.privacy.master-key", TOWN_KEY));
        start(environment);
        assertThat(environment.getProperty("klub.privacy.master-key")).isEqualTo(TOWN_KEY);
    }
}
