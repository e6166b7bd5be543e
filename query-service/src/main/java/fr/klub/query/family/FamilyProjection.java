package fr.klub.query.family;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.family.Child;
import fr.klub.domain.family.ChildRectified;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.GuardiansRectified;
import fr.klub.domain.family.Guardian;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;
import fr.klub.platform.privacy.FamilyKeys;

/**
 * Families, their guardians and children. Besides "my family" and the staff search, the other
 * read models take children's names and which family a child belongs to from here.
 */
@Component
@ProcessingGroup(ReadModels.FAMILIES)
class FamilyProjection {

    static final int SEARCH_LIMIT = 50;

    private static final Write UPSERT_FAMILY = Write.upsert("q_family", 1,
            "family_id UUID", "search_key VARCHAR(4000)");
    private static final Write UPSERT_GUARDIAN = Write.upsert("q_family_guardian", 2,
            "family_id UUID", "position INT", "civility VARCHAR(8)", "first_name VARCHAR(100)",
            "last_name VARCHAR(100)", "email VARCHAR(254)");
    private static final Write UPSERT_CHILD = Write.upsert("q_family_child", 1,
            "child_id UUID", "family_id UUID", "position INT", "first_name VARCHAR(100)", "last_name VARCHAR(100)",
            "birth_date DATE");
    private static final Write RECTIFY_CHILD = Write.update("q_family_child",
            "first_name = ?, last_name = ?, birth_date = ?", "child_id");
    private static final Write ERASE_CHILD = Write.update("q_family_child",
            "first_name = ?, last_name = ?, birth_date = NULL", "child_id");
    private static final Write DELETE_FAMILY = Write.delete("q_family", "family_id");
    private static final Write DELETE_GUARDIAN = Write.delete("q_family_guardian", "family_id", "position");
    private static final Write DELETE_CALENDAR_FEED = Write.delete("q_calendar_feed", "family_id");
    private static final int MAX_GUARDIANS = 4;

    /** What an erased family's children read in every view (product.md §11). */
    static final String ERASED = "[effacé]";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ProjectionWriter writer;
    private final FamilyNames.InBatch batch;
    private final Consumer<UUID> forgetKey;

    @Autowired
    FamilyProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, FamilyKeys keys) {
        this(jdbc, transactionManager, keys::forget);
    }

    /** Without keys: the projection tests feed events in clear. */
    FamilyProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this(jdbc, transactionManager, family -> { });
    }

    private FamilyProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Consumer<UUID> forgetKey) {
        this.forgetKey = forgetKey;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.writer = new ProjectionWriter(ReadModels.FAMILIES, jdbc, transactionManager);
        this.batch = new FamilyNames.InBatch(jdbc);
    }

    @EventHandler
    void on(FamilyRegistered event) {
        FamilyNames names = FamilyNames.of(event.guardians(), event.children());
        batch.put(event.familyId(), names);
        writer.write(UPSERT_FAMILY, event.familyId(), names.searchKey());
        writeGuardians(event.familyId(), event.guardians(), 0);
        for (int position = 0; position < event.children().size(); position++) {
            Child child = event.children().get(position);
            writer.write(UPSERT_CHILD, child.childId(), event.familyId(), position, child.firstName(),
                    child.lastName(), child.birthDate());
        }
    }

    /** The guardians as corrected replace the old ones; the rows beyond the new list go. */
    @EventHandler
    void on(GuardiansRectified event) {
        FamilyNames names = batch.get(event.familyId());
        if (names == null) {
            return;
        }
        FamilyNames corrected = names.withGuardians(event.guardians());
        batch.put(event.familyId(), corrected);
        writer.write(UPSERT_FAMILY, event.familyId(), corrected.searchKey());
        writeGuardians(event.familyId(), event.guardians(), names.guardianCount());
    }

    @EventHandler
    void on(ChildRectified event) {
        FamilyNames names = batch.get(event.familyId());
        if (names == null) {
            return;
        }
        FamilyNames corrected = names.withChild(event.childId(), event.firstName() + " " + event.lastName());
        batch.put(event.familyId(), corrected);
        writer.write(UPSERT_FAMILY, event.familyId(), corrected.searchKey());
        writer.write(RECTIFY_CHILD, event.firstName(), event.lastName(), event.birthDate(), event.childId());
    }

    /**
     * The family goes from the searches and "my family"; its children keep their rows (rosters, waiting lists and
     * demandes count them by id) but read "[effacé]"; its calendar subscription stops working.
     */
    @EventHandler
    void on(FamilyErased event) {
        FamilyNames names = batch.get(event.familyId());
        batch.put(event.familyId(), FamilyNames.ERASED);
        writer.write(DELETE_FAMILY, event.familyId());
        for (int position = 0; position < MAX_GUARDIANS; position++) {
            writer.write(DELETE_GUARDIAN, event.familyId(), position);
        }
        if (names != null) {
            for (UUID child : names.childIds()) {
                writer.write(ERASE_CHILD, ERASED, ERASED, child);
            }
        }
        writer.write(DELETE_CALENDAR_FEED, event.familyId());
        // the command-service destroyed the key: the audit's reads here must stop opening the family's values now,
        // not when this service's cached copy of the key expires
        forgetKey.accept(event.familyId());
    }

    private void writeGuardians(UUID familyId, List<Guardian> guardians, int previousCount) {
        for (int position = 0; position < guardians.size(); position++) {
            Guardian guardian = guardians.get(position);
            writer.write(UPSERT_GUARDIAN, familyId, position, guardian.civility().name(), guardian.firstName(),
                    guardian.lastName(), guardian.email());
        }
        for (int position = guardians.size(); position < previousCount; position++) {
            writer.write(DELETE_GUARDIAN, familyId, position);
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_family_child");
        jdbc.update("DELETE FROM q_family_guardian");
        jdbc.update("DELETE FROM q_family");
    }

    @QueryHandler
    Optional<FamilyView> handle(FindFamily query) {
        return families(List.of(query.familyId())).stream().findFirst();
    }

    @QueryHandler
    List<FamilyView> handle(SearchFamilies query) {
        List<String> words = List.of(searchable(query.text()).split("\\s+"));
        MapSqlParameterSource params = new MapSqlParameterSource("limit", SEARCH_LIMIT);
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            conditions.add("search_key LIKE :w" + i + " ESCAPE '\\'");
            params.addValue("w" + i, "%" + words.get(i).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        List<UUID> ids = named.query("SELECT family_id FROM q_family WHERE " + String.join(" AND ", conditions)
                + " ORDER BY search_key, family_id FETCH FIRST :limit ROWS ONLY", params,
                (row, n) -> Sql.uuid(row, "family_id"));
        return families(ids);
    }

    private List<FamilyView> families(List<UUID> familyIds) {
        if (familyIds.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", familyIds);
        Map<UUID, List<GuardianView>> guardians = new LinkedHashMap<>();
        familyIds.forEach(id -> guardians.put(id, new ArrayList<>()));
        named.query("SELECT * FROM q_family_guardian WHERE family_id IN (:ids) ORDER BY family_id, position", ids,
                row -> {
                    guardians.get(Sql.uuid(row, "family_id")).add(new GuardianView(row.getString("civility"),
                            row.getString("first_name"), row.getString("last_name"), row.getString("email")));
                });
        Map<UUID, List<ChildView>> children = new LinkedHashMap<>();
        named.query("SELECT * FROM q_family_child WHERE family_id IN (:ids) ORDER BY family_id, position", ids,
                row -> {
                    children.computeIfAbsent(Sql.uuid(row, "family_id"), id -> new ArrayList<>())
                            .add(new ChildView(Sql.uuid(row, "child_id"), row.getString("first_name"),
                                    row.getString("last_name"), Sql.date(row, "birth_date")));
                });
        return guardians.entrySet().stream()
                .filter(family -> !family.getValue().isEmpty())
                .map(family -> new FamilyView(family.getKey(), family.getValue(),
                        children.getOrDefault(family.getKey(), List.of())))
                .toList();
    }

    /** Lower-case, without accents: "Thaïs" and "thais" match. */
    static String searchable(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .strip();
    }
}
