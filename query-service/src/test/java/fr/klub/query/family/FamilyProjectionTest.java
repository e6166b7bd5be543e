package fr.klub.query.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

class FamilyProjectionTest {

    private static ReadModelDatabase database;

    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private FamilyProjection families;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void givenTheTestFamily() {
        database.clearReadModels();
        families = new FamilyProjection(database.jdbc(), database.transactions());
        families.on(Klub.testFamily(family, thais, eden));
        families.on(Klub.family(UUID.randomUUID(), "MARTIN", UUID.randomUUID(), "Léo"));
    }

    @Test
    void aFamilyShowsItsGuardiansAndChildrenInOrder() {
        FamilyView view = families.handle(new FindFamily(family)).orElseThrow();

        assertThat(view.guardians()).singleElement()
                .isEqualTo(new GuardianView("MME", "Laëtitia", "TEST", "laetitia.test@example.org"));
        assertThat(view.children()).extracting(ChildView::childId, ChildView::firstName).containsExactly(
                tuple(thais, "Thaïs"), tuple(eden, "Eden"));
    }

    @Test
    void anUnknownFamilyIsEmpty() {
        assertThat(families.handle(new FindFamily(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void staffFindFamiliesByAnyGuardianOrChildNameWithoutCaseOrAccents() {
        assertThat(families.handle(new SearchFamilies("thais"))).extracting(FamilyView::familyId).containsExactly(family);
        assertThat(families.handle(new SearchFamilies("LAETITIA test"))).extracting(FamilyView::familyId)
                .containsExactly(family);
        assertThat(families.handle(new SearchFamilies("léo"))).singleElement()
                .satisfies(found -> assertThat(found.guardians().get(0).lastName()).isEqualTo("MARTIN"));
        assertThat(families.handle(new SearchFamilies("thaïs martin"))).isEmpty();
        assertThat(families.handle(new SearchFamilies("%"))).isEmpty();
    }

    @Test
    void aRedeliveredRegistrationChangesNothing() {
        families.on(Klub.testFamily(family, thais, eden));

        assertThat(families.handle(new FindFamily(family)).orElseThrow().children()).hasSize(2);
        assertThat(database.count("q_family")).isEqualTo(2);
    }

    @Test
    void theResetEmptiesTheFamilies() {
        families.reset();

        assertThat(database.count("q_family") + database.count("q_family_child") + database.count("q_family_guardian"))
                .isZero();
    }
}
