package fr.klub.query.audit.replay;

/** A stored payload that no longer matches its event record: the replay cannot honestly go on. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(long globalIndex, String type, Exception cause) {
        super("L'événement n° " + globalIndex + " (" + type + ") est illisible : " + cause.getMessage(), cause);
    }
}
