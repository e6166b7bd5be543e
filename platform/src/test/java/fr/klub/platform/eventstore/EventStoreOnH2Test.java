package fr.klub.platform.eventstore;

class EventStoreOnH2Test extends EventStoreContract {
}
