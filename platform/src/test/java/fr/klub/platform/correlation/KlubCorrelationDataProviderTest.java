package fr.klub.platform.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class KlubCorrelationDataProviderTest {

    private final KlubCorrelationDataProvider provider = new KlubCorrelationDataProvider();

    @Test
    void copiesActorRoleCorrelationIdAndRequestIdOfTheHandledCommand() {
        var command = GenericCommandMessage.asCommandMessage("do it").andMetaData(Map.of(
                "actor", "acc-1", "role", "PARENT", "correlationId", "corr-1", "requestId", "req-1", "other", "not copied"));

        assertThat((Map<String, Object>) provider.correlationDataFor(command))
                .containsOnly(Map.<String, Object>entry("actor", "acc-1"), Map.<String, Object>entry("role", "PARENT"),
                        Map.<String, Object>entry("correlationId", "corr-1"), Map.<String, Object>entry("requestId", "req-1"));
    }

    @Test
    void aDeadlineIsTheSystemsDoingButKeepsTheOriginalCorrelationId() {
        var deadline = GenericDeadlineMessage.asDeadlineMessage("draftExpiry", "payload", Instant.now())
                                             .withMetaData(MetaData.from(Map.of("actor", "acc-1", "role", "PARENT", "correlationId", "req-1")));

        assertThat((Map<String, Object>) provider.correlationDataFor(deadline))
                .containsOnly(Map.<String, Object>entry("actor", "system"), Map.<String, Object>entry("role", "SYSTEM"), Map.<String, Object>entry("correlationId", "req-1"));
    }
}
