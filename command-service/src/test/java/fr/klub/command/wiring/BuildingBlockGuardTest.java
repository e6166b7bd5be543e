package fr.klub.command.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.CancelDemande;
import fr.klub.domain.session.HoldOnlinePlace;

class BuildingBlockGuardTest {

    private final List<Object> handled = new ArrayList<>();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();

    BuildingBlockGuardTest() {
        bus.registerDispatchInterceptor(new BuildingBlockGuard.RefuseBuildingBlocks());
        bus.subscribe(HoldOnlinePlace.class.getName(), this::record);
        bus.subscribe(CancelDemande.class.getName(), this::record);
    }

    private Object record(CommandMessage<?> command) {
        handled.add(command.getPayload());
        return null;
    }

    @Test
    void aSessionPlaceCannotBeTakenWithoutTheChildsPeriod() {
        HoldOnlinePlace alone = new HoldOnlinePlace(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.parse("2020-10-01T08:00:00Z"));

        assertThatThrownBy(() -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(alone)))
                .hasMessageContaining("HoldOnlinePlace is a building block");
        assertThat(handled).isEmpty();
    }

    @Test
    void wholeCommandsStillReachTheirHandler() {
        CancelDemande whole = new CancelDemande(UUID.randomUUID(), UUID.randomUUID(),
                Instant.parse("2020-10-01T08:00:00Z"));

        gateway.sendAndWait(whole);

        assertThat(handled).containsExactly(whole);
    }
}
