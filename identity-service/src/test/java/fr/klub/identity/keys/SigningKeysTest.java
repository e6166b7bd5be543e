package fr.klub.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rotation of the signing keys, on the real table: the newest key signs, an old one gets a successor
 * and stays published one more period, a retired one is dropped; instances agree through the table.
 */
class SigningKeysTest {

    static final Duration ROTATION = Duration.ofDays(90);
    static final JWKSelector SIGNING = new JWKSelector(new JWKMatcher.Builder().algorithm(JWSAlgorithm.RS256).build());
    static final JWKSelector PUBLISHED = new JWKSelector(new JWKMatcher.Builder().build());

    JdbcClient jdbc;
    Instant now = Instant.parse("2026-01-05T10:00:00Z");

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        jdbc = JdbcClient.create(h2);
    }

    private SigningKeys instanceAt(Instant at) {
        return new SigningKeys(jdbc, ROTATION, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static List<String> ids(List<JWK> keys) {
        return keys.stream().map(JWK::getKeyID).toList();
    }

    @Test
    void twoInstancesSignWithTheOneKeyTheFirstMade() {
        List<JWK> first = instanceAt(now).get(SIGNING, null);
        List<JWK> second = instanceAt(now).get(SIGNING, null);

        assertThat(first).hasSize(1);
        assertThat(ids(second)).isEqualTo(ids(first));
        assertThat(first.get(0).isPrivate()).isTrue();
    }

    @Test
    void anOldKeyGetsASuccessorAndStaysPublishedOneMorePeriod() {
        String old = ids(instanceAt(now).get(SIGNING, null)).get(0);

        Instant later = now.plus(ROTATION).plusSeconds(1);
        SigningKeys rotated = instanceAt(later);
        String successor = ids(rotated.get(SIGNING, null)).get(0);
        assertThat(successor).isNotEqualTo(old);
        assertThat(ids(rotated.get(PUBLISHED, null))).containsExactly(successor, old);

        assertThat(ids(instanceAt(now.plus(ROTATION.multipliedBy(2)).plusSeconds(2)).get(PUBLISHED, null)))
                .as("two periods on, the old key is gone").doesNotContain(old).contains(successor);
    }

    @Test
    void aRetiredKeyIsNeitherUsedNorPublished() {
        String leaked = ids(instanceAt(now).get(SIGNING, null)).get(0);
        jdbc.sql("UPDATE identity_signing_key SET retired_at = ? WHERE kid = ?")
            .param(now.atOffset(ZoneOffset.UTC)).param(leaked).update();

        SigningKeys afterwards = instanceAt(now.plusSeconds(1));
        assertThat(ids(afterwards.get(PUBLISHED, null))).doesNotContain(leaked).hasSize(1);
        assertThat(ids(afterwards.get(SIGNING, null))).doesNotContain(leaked);
    }
}
