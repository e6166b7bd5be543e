package fr.klub.query.projection;

import java.util.List;
import java.util.Optional;

/**
 * The query-service's read models. Each is maintained by one projection class whose processing
 * group (and pooled streaming processor) carries the name below; the short name (without the
 * "query-" prefix) is what staff use in the projections API.
 */
public final class ReadModels {

    public static final String PREFIX = "query-";
    public static final String PROGRAMMES = "query-programmes";
    public static final String FAMILIES = "query-families";
    public static final String PLANNING = "query-planning";
    public static final String AGENDA = "query-agenda";
    public static final String DEMANDES = "query-demandes";

    public static final List<String> ALL = List.of(PROGRAMMES, FAMILIES, PLANNING, AGENDA, DEMANDES);

    private ReadModels() {
    }

    /** "planning" or "query-planning" → "query-planning"; empty for an unknown name. */
    public static Optional<String> processingGroup(String name) {
        String group = name.startsWith(PREFIX) ? name : PREFIX + name;
        return ALL.contains(group) ? Optional.of(group) : Optional.empty();
    }

    public static String shortName(String processingGroup) {
        return processingGroup.substring(PREFIX.length());
    }
}
