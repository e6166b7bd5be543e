package fr.klub.domain.shared;

/**
 * A command refused by a domain rule. It changes nothing; it carries a stable code and a
 * French explanation a parent can read.
 */
public class Refusal extends RuntimeException {

    private final RefusalCode code;

    public Refusal(RefusalCode code, String frenchDetail) {
        super(frenchDetail, null, false, false);
        this.code = code;
    }

    public RefusalCode code() {
        return code;
    }

    public static Refusal notFound(String frenchDetail) {
        return new Refusal(RefusalCode.NOT_FOUND, frenchDetail);
    }

    public static Refusal invalid(String frenchDetail) {
        return new Refusal(RefusalCode.VALIDATION_FAILED, frenchDetail);
    }
}
