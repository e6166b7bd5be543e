package fr.klub.identity.passwordreset;

/** What became of a new password sent with a reset link. */
sealed interface ResetOutcome {

    /** The password is changed, the link spent, the account's sessions ended. */
    record Done() implements ResetOutcome {
    }

    /** Unknown, already used or expired link: nothing changed. */
    record LinkInvalid() implements ResetOutcome {
    }

    /** The password policy refused it (French message); the link stays good. */
    record Refused(String message) implements ResetOutcome {
    }
}
