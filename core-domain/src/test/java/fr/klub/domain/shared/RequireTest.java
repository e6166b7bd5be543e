package fr.klub.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.Guardian;

/** The one definition of a valid text and a valid date (issue 13 §1). */
class RequireTest {

    private static void refused(ThrowingCallable call, String frenchName) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.code()).isEqualTo(RefusalCode.VALIDATION_FAILED);
            assertThat(refusal.getMessage()).contains("« " + frenchName + " »");
        });
    }

    @Test
    void aTextIsTrimmedAndInNfc() {
        assertThat(Require.text("  Le\u0301a  ", "prénom", 100)).isEqualTo("Léa");
        assertThat(Require.text("Zoé 🎨", "prénom", 100)).isEqualTo("Zoé 🎨");
        assertThat(Require.text("Ana\u200Fïs", "prénom", 100)).as("a right-to-left mark is no override")
                .isEqualTo("Ana\u200Fïs");
    }

    @Test
    void aTextRefusesEveryControlCharacterAndLineBreak() {
        for (String bad : List.of("Danse\u0000latine", "Danse\tlatine", "Danse\nlatine", "Danse\rlatine",
                "Danse\u001blatine", "Danse\u007flatine", "Danse\u0085latine", "Danse\u2028latine")) {
            refused(() -> Require.text(bad, "activité", 200), "activité");
        }
    }

    @Test
    void aTextRefusesBidirectionalOverridesAndIsolates() {
        for (char bidi : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
                '\u2069'}) {
            refused(() -> Require.text("Lé" + bidi + "a", "prénom", 100), "prénom");
        }
    }

    @Test
    void aTextRefusesLoneSurrogates() {
        refused(() -> Require.text("Léa\uD800", "prénom", 100), "prénom");
        refused(() -> Require.text("\uDC00Léa", "prénom", 100), "prénom");
    }

    @Test
    void aTextStillNeedsContentAndAMaximumLength() {
        refused(() -> Require.text(" \u2003 ", "nom", 100), "nom");
        refused(() -> Require.text("x".repeat(101), "nom", 100), "nom");
        assertThat(Require.text("x".repeat(100), "nom", 100)).hasSize(100);
        // NFC may make a text shorter, never longer than what was checked: "e" + accent, 101 chars → 100
        assertThat(Require.text("x".repeat(99) + "e\u0301", "nom", 101)).hasSize(100);
        refused(() -> Require.storedText("x".repeat(101), "nom", 100), "nom");
        assertThat(Require.storedText(" " + "x".repeat(99), "nom", 100)).hasSize(99);
    }

    @Test
    void aReasonKeepsItsLineBreaksNormalisedToLf() {
        assertThat(Require.multilineText(" Pièces manquantes.\r\nMerci.\rÀ bientôt.\n", "motif", 1000))
                .isEqualTo("Pièces manquantes.\nMerci.\nÀ bientôt.");
        refused(() -> Require.multilineText("Pièces\u0000manquantes", "motif", 1000), "motif");
        refused(() -> Require.multilineText("Pièces\tmanquantes", "motif", 1000), "motif");
        refused(() -> Require.multilineText("Pièces \u202Emanquantes", "motif", 1000), "motif");
        refused(() -> Require.text("Pièces\nmanquantes", "motif", 1000), "motif");
    }

    @Test
    void calendarDaysAndInstantsStayWithin2000And2100() {
        assertThat(Require.calendarDay(LocalDate.of(2000, 1, 1), "date")).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(Require.calendarDay(LocalDate.of(2100, 12, 31), "date")).isEqualTo(LocalDate.of(2100, 12, 31));
        refused(() -> Require.calendarDay(LocalDate.of(1999, 12, 31), "date"), "date");
        refused(() -> Require.calendarDay(LocalDate.of(2101, 1, 1), "date"), "date");
        refused(() -> Require.calendarDay(LocalDate.ofEpochDay(0), "date"), "date");
        refused(() -> Require.calendarDay(LocalDate.MAX, "date"), "date");
        refused(() -> Require.calendarDay(null, "date"), "date");

        assertThat(Require.calendarInstant(Instant.parse("2000-01-01T00:00:00Z"), "ouverture")).isNotNull();
        assertThat(Require.calendarInstant(Instant.parse("2100-12-31T23:59:59.999Z"), "ouverture")).isNotNull();
        refused(() -> Require.calendarInstant(Instant.parse("2101-01-01T00:00:00Z"), "ouverture"), "ouverture");
        refused(() -> Require.calendarInstant(Instant.EPOCH, "ouverture"), "ouverture");
        refused(() -> Require.calendarInstant(Instant.MAX, "ouverture"), "ouverture");
        refused(() -> Require.calendarInstant(Instant.MIN, "ouverture"), "ouverture");
    }

    @Test
    void namesOfNewChildrenAndGuardiansFollowTheTextRules() {
        Child child = new Child(UUID.randomUUID(), " Le\u0301a ", "Exemple", LocalDate.of(2015, 2, 3)).validated();
        assertThat(child.firstName()).isEqualTo("Léa");
        refused(() -> new Child(UUID.randomUUID(), "Léa", "Exem\u0000ple", LocalDate.of(2015, 2, 3)).validated(), "nom");
        refused(() -> new Guardian(Civility.MME, "Ca\u202Emille", "Exemple", "camille@example.org").validated(), "prénom");
        refused(() -> new Guardian(Civility.MME, "Camille", "Exemple", "camille\u0000@example.org").validated(), "e-mail");
    }

    @Test
    void whatTheHistoryAlreadyHoldsStillReads() {
        // written before the text rules: a tab and an override in names, a far birth date
        Child child = new Child(UUID.randomUUID(), "Léa\t", "Exem\u202Eple", LocalDate.of(1850, 1, 1));
        assertThat(child.firstName()).isEqualTo("Léa");
        assertThat(child.lastName()).isEqualTo("Exem\u202Eple");
        Guardian guardian = new Guardian(Civility.MME, "Ca\u202Emille", "Exemple", "camille@example.org");
        assertThat(guardian.firstName()).isEqualTo("Ca\u202Emille");
    }

    @Test
    void aNewBirthDateIsBetween1900And2100() {
        assertThat(new Child(UUID.randomUUID(), "Léa", "Exemple", LocalDate.of(1900, 1, 1)).validated().birthDate())
                .isEqualTo(LocalDate.of(1900, 1, 1));
        refused(() -> new Child(UUID.randomUUID(), "Léa", "Exemple", LocalDate.of(1899, 12, 31)).validated(),
                "date de naissance");
        refused(() -> new Child(UUID.randomUUID(), "Léa", "Exemple", LocalDate.of(2101, 1, 1)).validated(),
                "date de naissance");
    }
}
