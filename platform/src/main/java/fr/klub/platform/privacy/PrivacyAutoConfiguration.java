package fr.klub.platform.privacy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.klub.platform.eventstore.EventStoreAutoConfiguration;

/**
 * The crypto-shredding of personal data, for every service (they all read the event store): the families' keys
 * and the Jackson module that {@link EventStoreAutoConfiguration}'s serializer carries.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = EventStoreAutoConfiguration.class)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyAutoConfiguration {

    @Bean
    FamilyKeys familyKeys(DataSource dataSource, PrivacyProperties properties, ObjectProvider<Clock> clock) {
        return keys(dataSource, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    static FamilyKeys keys(DataSource dataSource, PrivacyProperties properties, Clock clock) {
        MasterKeys master = new MasterKeys(properties.masterKeyId(), properties.masterKey(),
                properties.previousMasterKeys());
        return new FamilyKeys(new JdbcTemplate(dataSource), master, clock, properties.keyCacheTtl());
    }

    @Bean
    PersonalValues personalValues(FamilyKeys keys) {
        return new PersonalValues(keys);
    }

    @Bean
    PersonalDataModule personalDataModule(PersonalValues values, DataSource dataSource, PrivacyProperties properties) {
        if (!properties.encryption()) {
            return PersonalDataModule.opening(values);
        }
        return sealing(values, dataSource);
    }

    static PersonalDataModule sealing(PersonalValues values, DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // the command side's directory of children (V102), in the shared database
        return PersonalDataModule.sealing(values, new FamilyOwners(childId -> firstOf(jdbc.queryForList(
                "SELECT family_id FROM child_directory WHERE child_id = ?", UUID.class, childId))));
    }

    /**
     * The one-off sealing of a history written before encryption, at start, when asked for on one instance
     * ({@code klub.privacy.seal-plaintext-history=true}); idempotent, so leaving it on costs one scan per start.
     */
    @Bean
    @ConditionalOnProperty(name = "klub.privacy.seal-plaintext-history", havingValue = "true")
    ApplicationRunner sealPlaintextHistory(DataSource dataSource, PlatformTransactionManager transactions,
                                           PersonalDataModule personalDataModule, PrivacyProperties properties) {
        if (!properties.encryption()) {
            throw new IllegalStateException("klub.privacy.seal-plaintext-history needs klub.privacy.encryption on");
        }
        PlaintextHistorySealer sealer = new PlaintextHistorySealer(new JdbcTemplate(dataSource),
                new TransactionTemplate(transactions), personalDataModule);
        return arguments -> sealer.sealAll();
    }

    private static Optional<UUID> firstOf(List<UUID> families) {
        return families.stream().findFirst();
    }
}
