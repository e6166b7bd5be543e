package fr.klub.query.family;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.domain.family.Child;
import fr.klub.domain.family.Guardian;

/**
 * A family's names as the staff search indexes them ("first last" of each guardian, then of each child), so that a
 * rectification can recompute the search key without the names it does not carry.
 */
record FamilyNames(List<String> guardians, Map<UUID, String> children) {

    static final FamilyNames ERASED = new FamilyNames(List.of(), Map.of());

    static FamilyNames of(List<Guardian> guardians, List<Child> children) {
        Map<UUID, String> kids = new LinkedHashMap<>();
        children.forEach(child -> kids.put(child.childId(), child.firstName() + " " + child.lastName()));
        return new FamilyNames(guardianNames(guardians), kids);
    }

    FamilyNames withGuardians(List<Guardian> corrected) {
        return new FamilyNames(guardianNames(corrected), children);
    }

    FamilyNames withChild(UUID childId, String name) {
        Map<UUID, String> kids = new LinkedHashMap<>(children);
        kids.replace(childId, name);
        return new FamilyNames(guardians, kids);
    }

    int guardianCount() {
        return guardians.size();
    }

    List<UUID> childIds() {
        return List.copyOf(children.keySet());
    }

    /** Lower-case names without accents, guardians first, at most 4000 characters (the column's size). */
    String searchKey() {
        String key = Stream.concat(guardians.stream(), children.values().stream())
                .map(FamilyProjection::searchable)
                .collect(Collectors.joining(" | "));
        return key.length() > 4000 ? key.substring(0, 4000) : key;
    }

    private static List<String> guardianNames(List<Guardian> guardians) {
        return guardians.stream().map(g -> g.firstName() + " " + g.lastName()).toList();
    }

    /**
     * The names as of the event being handled. The projection's writes are sent when the batch commits, so the rows
     * of a family registered or corrected earlier in the same batch are not in the tables yet: the batch's own
     * changes are kept beside the unit of work and win over what the tables say.
     */
    static final class InBatch {

        private static final String RESOURCE = InBatch.class.getName();

        private final JdbcTemplate jdbc;

        InBatch(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Null for a family this read model never saw. */
        FamilyNames get(UUID familyId) {
            FamilyNames changed = changes().get(familyId);
            return changed != null ? changed : load(familyId);
        }

        void put(UUID familyId, FamilyNames names) {
            changes().put(familyId, names);
        }

        private Map<UUID, FamilyNames> changes() {
            if (!CurrentUnitOfWork.isStarted()) {
                return new HashMap<>();
            }
            return CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> new HashMap<>());
        }

        private FamilyNames load(UUID familyId) {
            List<String> guardians = jdbc.query(
                    "SELECT first_name, last_name FROM q_family_guardian WHERE family_id = ? ORDER BY position",
                    (row, n) -> row.getString("first_name") + " " + row.getString("last_name"), familyId);
            Map<UUID, String> children = new LinkedHashMap<>();
            jdbc.query("SELECT child_id, first_name, last_name FROM q_family_child WHERE family_id = ? ORDER BY position",
                    row -> {
                        children.put(row.getObject("child_id", UUID.class),
                                row.getString("first_name") + " " + row.getString("last_name"));
                    }, familyId);
            if (guardians.isEmpty() && children.isEmpty()) {
                return null;
            }
            return new FamilyNames(new ArrayList<>(guardians), children);
        }
    }
}
