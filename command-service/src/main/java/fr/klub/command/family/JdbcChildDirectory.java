package fr.klub.command.family;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.domain.family.Child;
import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.family.FamilyRegistered;

/**
 * Which family a child belongs to, in table {@code child_directory}. It is written by a
 * <em>subscribing</em> handler, in the unit of work — hence the transaction — that appends
 * {@link FamilyRegistered}: a family's children are in the directory exactly when the family exists,
 * never later, so staff can book a child on site right after registering the family.
 */
@Component
@ProcessingGroup(JdbcChildDirectory.PROCESSING_GROUP)
class JdbcChildDirectory implements ChildDirectory {

    static final String PROCESSING_GROUP = "command-child-directory";

    private final JdbcTemplate jdbc;

    JdbcChildDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UUID> familyOf(UUID childId) {
        List<UUID> families = jdbc.query("SELECT family_id FROM child_directory WHERE child_id = ?",
                (row, index) -> row.getObject(1, UUID.class), childId);
        return families.stream().findFirst();
    }

    /** The family's children, in no order; empty for an unknown family (every family has a child). */
    List<UUID> childrenOf(UUID familyId) {
        return jdbc.query("SELECT child_id FROM child_directory WHERE family_id = ?",
                (row, index) -> row.getObject(1, UUID.class), familyId);
    }

    @EventHandler
    void on(FamilyRegistered event) {
        for (Child child : event.children()) {
            jdbc.update("INSERT INTO child_directory (child_id, family_id) VALUES (?, ?)", child.childId(),
                    event.familyId());
        }
    }
}
