package fr.klub.domain.family;

import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.FIRST_DAY;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Erased;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.testing.Klub;

class FamilyTest {

    private FixtureConfiguration<Family> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Family.class);
    }

    @Test
    void registeringAFamilyRecordsItsGuardiansAndChildren() {
        FamilyRegistered expected = Klub.family();
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, expected.guardians(), expected.children()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(expected)
                .expectState(family -> {
                    assertThat(family.id()).isEqualTo(FAMILY);
                    assertThat(family.child(THAIS)).map(Child::firstName).contains("Thaïs");
                    assertThat(family.child(Klub.OTHER_CHILD)).isEmpty();
                });
    }

    @Test
    void aNewFamilyIsRefusedAControlCharacterOrAnOverrideInANameThatItsHistoryMayHold() {
        Child tabbed = new Child(THAIS, "Tha\tïs", "TEST", FIRST_DAY.minusYears(9));
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, List.of(Klub.guardian()), List.of(tabbed)))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        Guardian disguised = new Guardian(Civility.MME, "La\u202Eëtitia", "TEST", "laetitia@example.org");
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, List.of(disguised), Klub.family().children()))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aFamilyHasAtMostFourGuardiansAndTwelveChildren() {
        List<Child> twelve = children(12);
        List<Guardian> four = java.util.Collections.nCopies(4, Klub.guardian());
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, four, twelve))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, java.util.Collections.nCopies(5, Klub.guardian()), twelve))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, four, children(13)))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    private static List<Child> children(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> Klub.child(java.util.UUID.randomUUID(), "Enfant" + i, FIRST_DAY.minusYears(9)))
                .toList();
    }

    @Test
    void aFamilyNeedsAGuardian() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, List.of(), Klub.family().children()))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aFamilyNeedsAChild() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, List.of(Klub.guardian()), List.of()))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aChildCannotBeDeclaredTwice() {
        Child eden = Klub.child(EDEN, "Eden", FIRST_DAY.minusYears(11));
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, List.of(Klub.guardian()), List.of(eden, eden)))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anEmptyEntryInTheListsIsInvalidNotACrash() {
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, Arrays.asList(Klub.guardian(), null), Klub.family().children()))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterFamily(FAMILY, List.of(Klub.guardian()), Arrays.asList(Klub.family().children().get(0), null)))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aGuardianNeedsAValidEmail() {
        assertThatThrownBy(() -> new Guardian(Civility.MME, "Camille", "Exemple", "camille.example.org"))
                .isInstanceOfSatisfying(Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.VALIDATION_FAILED));
    }

    @Test
    void aChildNeedsABirthDateAndNames() {
        assertThatThrownBy(() -> new Child(THAIS, "Thaïs", "Exemple", null))
                .isInstanceOfSatisfying(Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> new Child(THAIS, " ", "Exemple", LocalDate.of(2011, 1, 1)))
                .isInstanceOfSatisfying(Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.VALIDATION_FAILED));
    }

    private static final Instant ERASED_AT = Instant.parse("2023-11-06T09:15:00Z");

    @Test
    void erasingAFamilyRecordsItWithoutPersonalDataAndForgetsItsChildren() {
        fixture.given(Klub.family())
                .when(new EraseFamily(FAMILY, ErasureCause.REQUEST, "Demande du responsable par courrier.", ERASED_AT))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ERASED_AT)
                .expectEvents(new FamilyErased(FAMILY, ERASED_AT, ErasureCause.REQUEST))
                .expectState(family -> assertThat(family.child(THAIS)).isEmpty());
    }

    @Test
    void erasingTwiceChangesNothingAndAnswersTheFirstErasure() {
        fixture.given(Klub.family(), new FamilyErased(FAMILY, ERASED_AT, ErasureCause.REQUEST))
                .when(new EraseFamily(FAMILY, ErasureCause.REQUEST, "Relance.", ERASED_AT.plusSeconds(3600)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ERASED_AT)
                .expectNoEvents();
    }

    @Test
    void anErasureOnRequestNeedsAReason() {
        for (String blank : Arrays.asList(null, "", "  \n ")) {
            fixture.given(Klub.family())
                    .when(new EraseFamily(FAMILY, ErasureCause.REQUEST, blank, ERASED_AT))
                    .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Test
    void theRetentionRuleErasesWithoutAReasonButNeverWithoutACauseOrAMoment() {
        fixture.given(Klub.family())
                .when(new EraseFamily(FAMILY, ErasureCause.RETENTION, null, ERASED_AT))
                .expectEvents(new FamilyErased(FAMILY, ERASED_AT, ErasureCause.RETENTION));
        fixture.given(Klub.family())
                .when(new EraseFamily(FAMILY, null, "Demande.", ERASED_AT))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(Klub.family())
                .when(new EraseFamily(FAMILY, ErasureCause.REQUEST, "Demande.", null))
                .expectException(refusal(RefusalCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void anErasedFamilyReadsBackFromItsHistoryWithTheErasedMarkers() {
        Guardian guardian = new Guardian(Civility.MME, Erased.TEXT, Erased.TEXT, Erased.TEXT);
        Child child = new Child(THAIS, Erased.TEXT, Erased.TEXT, Erased.DATE);
        assertThat(guardian.email()).isEqualTo("[effacé]");
        assertThat(Erased.is(child.birthDate())).isTrue();
    }
}
