package fr.klub.query.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.family.ChildRectified;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.ErasureCause;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.family.GuardiansRectified;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** Rectification and erasure (product.md §11) as the families read model and the views that take names from it see them. */
class FamilyRectificationAndErasureTest {

    private static ReadModelDatabase database;

    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final UUID otherChild = UUID.randomUUID();
    private FamilyProjection families;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenTwoFamilies() {
        database.clearReadModels();
        database.jdbc().update("DELETE FROM q_calendar_feed");
        families = new FamilyProjection(database.jdbc(), database.transactions());
        families.on(Klub.testFamily(family, thais, eden));
        families.on(Klub.family(other, "MARTIN", otherChild, "Léo"));
    }

    @Test
    void correctedGuardiansReplaceTheOldOnesInTheViewAndTheSearch() {
        Guardian corrected = new Guardian(Civility.MME, "Laëtitia", "DUPONT", "laetitia.dupont@example.org");

        families.on(new GuardiansRectified(family, List.of(corrected)));

        assertThat(families.handle(new FindFamily(family)).orElseThrow().guardians())
                .containsExactly(new GuardianView("MME", "Laëtitia", "DUPONT", "laetitia.dupont@example.org"));
        assertThat(families.handle(new SearchFamilies("dupont"))).extracting(FamilyView::familyId).containsExactly(family);
        assertThat(database.jdbc().queryForObject("SELECT search_key FROM q_family WHERE family_id = ?", String.class,
                family)).startsWith("laetitia dupont | ").doesNotContain("laetitia test");
        assertThat(families.handle(new SearchFamilies("thais"))).extracting(FamilyView::familyId).containsExactly(family);
    }

    @Test
    void aShorterListOfGuardiansDropsTheRowsBeyondIt() {
        Guardian first = new Guardian(Civility.MME, "Laëtitia", "TEST", "laetitia.test@example.org");
        Guardian second = new Guardian(Civility.M, "Paul", "TEST", "paul.test@example.org");
        families.on(new GuardiansRectified(family, List.of(first, second)));

        families.on(new GuardiansRectified(family, List.of(second)));

        assertThat(families.handle(new FindFamily(family)).orElseThrow().guardians())
                .extracting(GuardianView::firstName).containsExactly("Paul");
    }

    @Test
    void aCorrectedChildReadsItsNewNamesAndBirthDateEverywhere() {
        families.on(new ChildRectified(family, thais, "Thaïs-Marie", "TEST", LocalDate.of(2012, 5, 6)));

        assertThat(families.handle(new FindFamily(family)).orElseThrow().children()).first()
                .isEqualTo(new ChildView(thais, "Thaïs-Marie", "TEST", LocalDate.of(2012, 5, 6)));
        assertThat(families.handle(new SearchFamilies("thais-marie"))).extracting(FamilyView::familyId)
                .containsExactly(family);
        assertThat(database.jdbc().queryForObject("SELECT first_name FROM q_family_child WHERE child_id = ?",
                String.class, thais)).isEqualTo("Thaïs-Marie");
    }

    @Test
    void anErasedFamilyLeavesTheSearchesButItsChildrenStayCountedAsErased() {
        database.jdbc().update("INSERT INTO q_calendar_feed (family_id, token_hash, created_at) VALUES (?, ?, ?)",
                family, "a".repeat(64), java.time.OffsetDateTime.now());

        families.on(new FamilyErased(family, Instant.parse("2023-11-02T10:00:00Z"), ErasureCause.REQUEST));

        assertThat(families.handle(new FindFamily(family))).isEmpty();
        assertThat(families.handle(new SearchFamilies("test"))).isEmpty();
        assertThat(database.jdbc().queryForList("SELECT first_name || '/' || last_name FROM q_family_child"
                + " WHERE family_id = ?", String.class, family)).containsExactly("[effacé]/[effacé]", "[effacé]/[effacé]");
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM q_family_child WHERE family_id = ?"
                + " AND birth_date IS NOT NULL", Integer.class, family)).isZero();
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM q_calendar_feed WHERE family_id = ?",
                Integer.class, family)).isZero();
        assertThat(families.handle(new FindFamily(other))).isPresent();
        assertThat(families.handle(new SearchFamilies("léo"))).extracting(FamilyView::familyId).containsExactly(other);
    }

    @Test
    void anErasureIsIdempotent() {
        FamilyErased erased = new FamilyErased(family, Instant.parse("2023-11-02T10:00:00Z"), ErasureCause.RETENTION);
        families.on(erased);
        families.on(erased);

        assertThat(database.count("q_family")).isEqualTo(1);
        assertThat(database.count("q_family_child")).isEqualTo(3);
    }

    @Test
    void aRegistrationAndItsCorrectionsInOneBatchEndAsIfHandledOneByOne() {
        UUID late = UUID.randomUUID();
        UUID zoe = UUID.randomUUID();
        // a replay or a busy processor hands the projection several events before its writes reach the tables
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            families.on(Klub.family(late, "DURAND", zoe, "Zoé"));
            families.on(new GuardiansRectified(late,
                    List.of(new Guardian(Civility.M, "Jean", "DUPRÉ", "jean.dupre@example.org"))));
            families.on(new ChildRectified(late, zoe, "Zoé-Lou", "DURAND", LocalDate.of(2011, 2, 2)));
        });

        assertThat(database.jdbc().queryForObject("SELECT search_key FROM q_family WHERE family_id = ?", String.class,
                late)).isEqualTo("jean dupre | zoe-lou durand");
        assertThat(families.handle(new FindFamily(late)).orElseThrow().children()).singleElement()
                .isEqualTo(new ChildView(zoe, "Zoé-Lou", "DURAND", LocalDate.of(2011, 2, 2)));
    }
}
