package fr.klub.domain.family;

import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.FIRST_DAY;
import static fr.klub.domain.testing.Klub.OTHER_CHILD;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.Klub;

/** Rectification (product.md §11): the same rules as registration, only what changed is recorded. */
class FamilyRectificationTest {

    private static final Guardian MOVED = new Guardian(Civility.MME, "Camille", "Exemple-Martin",
            "camille.nouvelle@example.org");

    private FixtureConfiguration<Family> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Family.class);
    }

    @Test
    void theFamilyCorrectsItsGuardiansAsAWhole() {
        Guardian second = new Guardian(Civility.M, "Paul", "Exemple", "paul.exemple@example.org");
        fixture.given(Klub.family())
                .when(RectifyFamily.guardians(FAMILY, List.of(MOVED, second)))
                .expectEvents(new GuardiansRectified(FAMILY, List.of(MOVED, second)));
    }

    @Test
    void repeatingACorrectionRecordsNothing() {
        fixture.given(Klub.family(), new GuardiansRectified(FAMILY, List.of(MOVED)))
                .when(RectifyFamily.guardians(FAMILY, List.of(MOVED)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(Klub.family())
                .when(new RectifyFamily(FAMILY, Klub.family().guardians(), Klub.family().children()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void staffCorrectAChildsNamesAndBirthDateAndOnlyTheChangedChildIsRecorded() {
        Child thais = Klub.family().children().get(0);
        Child eden = Klub.family().children().get(1);
        Child corrected = new Child(THAIS, "Thaïs-Marie", "Exemple", FIRST_DAY.minusYears(10));
        fixture.given(Klub.family())
                .when(new RectifyFamily(FAMILY, null, List.of(corrected, eden)))
                .expectEvents(new ChildRectified(FAMILY, THAIS, "Thaïs-Marie", "Exemple", FIRST_DAY.minusYears(10)))
                .expectState(family -> {
                    assertThat(family.child(THAIS)).contains(corrected);
                    assertThat(family.child(EDEN)).contains(eden);
                    assertThat(thais).isNotEqualTo(corrected);
                });
    }

    @Test
    void aChildThatIsNotTheFamilysIsRefused() {
        fixture.given(Klub.family())
                .when(new RectifyFamily(FAMILY, null, List.of(Klub.child(OTHER_CHILD, "Alix", FIRST_DAY.minusYears(9)))))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void correctionsFollowTheRulesOfRegistration() {
        fixture.given(Klub.family())
                .when(RectifyFamily.guardians(FAMILY, List.of()))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(Klub.family())
                .when(RectifyFamily.guardians(FAMILY, Arrays.asList(MOVED, null)))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(Klub.family())
                .when(RectifyFamily.guardians(FAMILY, java.util.Collections.nCopies(5, MOVED)))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(Klub.family())
                .when(RectifyFamily.guardians(FAMILY,
                        List.of(new Guardian(Civility.MME, "La\u202Eëtitia", "TEST", "laetitia@example.org"))))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(Klub.family())
                .when(new RectifyFamily(FAMILY, null, List.of(new Child(THAIS, "Thaïs", "Exemple",
                        java.time.LocalDate.of(1850, 1, 1)))))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        Child thais = Klub.family().children().get(0);
        fixture.given(Klub.family())
                .when(new RectifyFamily(FAMILY, null, List.of(thais, thais)))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anErasedFamilyIsNoLongerThereToCorrect() {
        fixture.given(Klub.family(), new FamilyErased(FAMILY, java.time.Instant.parse("2023-11-02T09:15:00Z"), ErasureCause.REQUEST))
                .when(RectifyFamily.guardians(FAMILY, List.of(MOVED)))
                .expectNoEvents()
                .expectException(refusal(RefusalCode.NOT_FOUND));
    }

    @Test
    void aRectificationThatNamesNothingIsRefused() {
        fixture.given(Klub.family())
                .when(new RectifyFamily(FAMILY, null, List.of()))
                .expectNoEvents()
                .expectException(refusal(RefusalCode.VALIDATION_FAILED));
        fixture.given(Klub.family())
                .when(new RectifyFamily(FAMILY, null, null))
                .expectNoEvents()
                .expectException(refusal(RefusalCode.VALIDATION_FAILED));
    }
}
