package fr.klub.notification.outbox;

import java.util.Optional;

/**
 * A value one kind of letter carries only on its way to the SMTP server. The log (which staff
 * read) keeps {@link #mask()} in its place; the sender swaps it in when it builds the message.
 * The password reset link is one: in the log it would let staff take over a parent's account.
 */
public interface SendingTimeSecret {

    /** The letter ({@code LetterKind} name, the log's "template") whose mask this fills. */
    String template();

    /** The text stored in the log where the secret goes. */
    String mask();

    /**
     * The secret for the row logged for this event, if the mail may still go out. Empty (expired,
     * used, already sent): the row is marked FAILED rather than sent with a dead link.
     */
    Optional<String> reveal(String eventId);

    /**
     * Called in the SENT mark's transaction, before the delivery: the secret is erased only if the
     * SMTP server accepted the mail, and a re-send after a crash finds it again unchanged.
     */
    void forget(String eventId);
}
