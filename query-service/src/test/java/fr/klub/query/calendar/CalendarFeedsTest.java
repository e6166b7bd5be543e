package fr.klub.query.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import fr.klub.platform.testing.EmbeddedPostgres;
import fr.klub.query.testing.ReadModelDatabase;

/** The subscription tokens on both databases the services run on (V210 and its upsert). */
class CalendarFeedsTest {

    private static ReadModelDatabase database(String kind) {
        return "postgres".equals(kind) ? ReadModelDatabase.on(EmbeddedPostgres.newDatabase().dataSource())
                : ReadModelDatabase.h2();
    }

    private static CalendarFeeds feeds(ReadModelDatabase database) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("clock", Clock.fixed(Instant.parse("2020-10-01T08:30:00Z"), ZoneOffset.UTC));
        return new CalendarFeeds(database.jdbc(), beans.getBeanProvider(Clock.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aNewTokenReplacesTheFamilysOldOneAndOpensOnlyThatFamily(String kind) {
        ReadModelDatabase database = database(kind);
        CalendarFeeds feeds = feeds(database);
        UUID family = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        FeedToken first = feeds.replace(family);
        FeedToken theirs = feeds.replace(other);
        FeedToken second = feeds.replace(family);

        assertThat(feeds.familyOf(first)).isEmpty();
        assertThat(feeds.familyOf(second)).contains(family);
        assertThat(feeds.familyOf(theirs)).contains(other);
        assertThat(feeds.familyOf(FeedToken.generate())).isEmpty();
        assertThat(database.count("q_calendar_feed")).isEqualTo(2);
        assertThat(database.jdbc().queryForList("SELECT token_hash FROM q_calendar_feed", String.class))
                .containsExactlyInAnyOrder(second.hash(), theirs.hash())
                .doesNotContain(second.value(), theirs.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "court", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAé"})
    void onlyA43CharacterBase64UrlTextCanBeAToken(String text) {
        assertThat(FeedToken.parse(text)).isEmpty();
    }

    @Test
    void tokensAre32RandomBytesInBase64UrlAndHashedWithSha256() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            FeedToken token = FeedToken.generate();
            assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
            assertThat(FeedToken.parse(token.value())).map(FeedToken::hash).contains(token.hash());
            assertThat(token.hash()).matches("[0-9a-f]{64}");
            assertThat(token.toString()).doesNotContain(token.value());
            assertThat(seen.add(token.value())).isTrue();
        }
    }
}
