package fr.klub.systemtests.hostile;

/**
 * What a hostile request must get besides the rules every answer follows. Most attacks need only
 * survive; some must be refused, whatever the role: the classes issue 13 found accepted then lost
 * (NUL and bidi characters, numbers for dates, dates outside any calendar, duplicated keys...),
 * and a real identifier of another kind of aggregate must read as unknown.
 */
enum Expectation {
    /** Any answer that is not a 5xx: the input may be legitimate. */
    SURVIVE,
    /** A 4xx: the input is never valid. */
    REFUSED,
    /** 404, or the 401/403/429 that come before looking anything up. */
    UNKNOWN;

    boolean met(int status) {
        return switch (this) {
            case SURVIVE -> true;
            case REFUSED -> status >= 400 && status < 500;
            case UNKNOWN -> status == 404 || status == 401 || status == 403 || status == 429;
        };
    }
}
