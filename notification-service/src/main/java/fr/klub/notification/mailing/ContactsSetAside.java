package fr.klub.notification.mailing;

/**
 * A letter needs facts the contacts read model set aside (dead letter of the family, demande or
 * session): the letter is set aside too, to be written once they are back. Its class name is
 * what staff see as the cause.
 */
class ContactsSetAside extends RuntimeException {

    ContactsSetAside() {
        super("the contacts this letter needs are set aside in the notification-contacts dead-letter queue",
                null, false, false);
    }
}
