package fr.klub.platform.sample;

import java.util.UUID;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.springframework.stereotype.Component;

/** Command handlers standing in for aggregates: one refuses, one records an event. */
@Component
class SampleCommands {

    record RefuseThis(RefusalCode code) {
    }

    record RecordSomething(UUID id) {
    }

    @Revision("1")
    record SomethingRecorded(UUID id) {
    }

    private final EventStore eventStore;

    SampleCommands(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @CommandHandler
    void handle(RefuseThis command) {
        throw new Refusal(command.code(), "Plus de place en ligne pour cette activité.");
    }

    @CommandHandler
    void handle(RecordSomething command) {
        // published inside the command's unit of work: correlation data is added from the command
        eventStore.publish(new GenericDomainEventMessage<>("Sample", command.id().toString(), 0,
                new SomethingRecorded(command.id())));
    }
}
