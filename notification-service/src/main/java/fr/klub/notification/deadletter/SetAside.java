package fr.klub.notification.deadletter;

/**
 * The cause stored with a dead letter, in place of the handler's exception: its
 * {@link FailureSummary}, without the event's personal data.
 */
final class SetAside extends RuntimeException {

    SetAside(Throwable failure) {
        super(FailureSummary.of(failure), null, false, false);
    }
}
