package fr.klub.platform.axon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.ReserveSession;

class CachingCommandTargetResolverTest {

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {
    }

    static final class PlainField {
        @TargetAggregateIdentifier
        private final UUID id = UUID.fromString("00000000-0000-0000-0000-000000000007");
    }

    record Untargeted(String id) {
    }

    private final CachingCommandTargetResolver resolver = new CachingCommandTargetResolver();

    private VersionedAggregateIdentifier target(Object command) {
        return resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command));
    }

    @Test
    void aDomainCommandTargetsItsAggregateEveryTime() {
        UUID demande = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            ReserveSession command = new ReserveSession(demande, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    java.time.Instant.EPOCH);
            VersionedAggregateIdentifier target = target(command);
            assertThat(target.getIdentifier()).isEqualTo(demande.toString());
            assertThat(target.getVersion()).isNull();
        }
    }

    @Test
    void readsTheVersionAndPlainFieldsToo() {
        assertThat(target(new Versioned("a", 4L)).getVersion()).isEqualTo(4L);
        assertThat(target(new Versioned("a", null)).getVersion()).isNull();
        assertThat(target(new PlainField()).getIdentifier()).isEqualTo("00000000-0000-0000-0000-000000000007");
    }

    @Test
    void aCommandWithoutTargetOrWithANullTargetIsRefused() {
        assertThatThrownBy(() -> target(new Untargeted("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> target(new Versioned(null, 1L))).isInstanceOf(IllegalArgumentException.class);
    }
}
