package fr.klub.portal.agent.families;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class FamilyFormTest {

    @Test
    void registrationSendsTheFilledRowsUnderTheApiNamesAndBlanksAsMissing() {
        Map<String, String> form = new HashMap<>();
        form.put("guardians[0].civility", "MME");
        form.put("guardians[0].firstName", " Marie ");
        form.put("guardians[0].lastName", "DUPONT");
        form.put("guardians[0].email", "");
        form.put("guardians[1].civility", "M");
        form.put("children[0].firstName", "Léo");
        form.put("children[0].lastName", "DUPONT");
        form.put("children[0].birthDate", "2014-03-02");
        form.put("children[2].firstName", "Zoé");
        form.put("login.username", "dupont");
        form.put("login.password", "un mot de passe long");

        Map<String, Object> body = FamilyForm.registration(form);

        // a second guardian with only a civility ticked is an empty row; the blank e-mail is missing (null)
        assertThat((List<Object>) body.get("guardians")).containsExactly(
                row("civility", "MME", "firstName", "Marie", "lastName", "DUPONT", "email", null));
        assertThat((List<Object>) body.get("children")).containsExactly(
                row("firstName", "Léo", "lastName", "DUPONT", "birthDate", "2014-03-02"),
                row("firstName", "Zoé", "lastName", null, "birthDate", null));
        assertThat(body.get("login")).isEqualTo(row("username", "dupont", "password", "un mot de passe long"));
    }

    @Test
    void anEmptyFormStillSendsOneGuardianAndOneChildForTheApiToNameWhatIsMissing() {
        Map<String, Object> body = FamilyForm.registration(Map.of());

        assertThat((List<Object>) body.get("guardians")).hasSize(1);
        assertThat((List<Object>) body.get("children")).hasSize(1);
    }

    @Test
    void theFormShownAgainAfterARefusalNeverHoldsThePassword() {
        assertThat(FamilyForm.shownAgain(Map.of("login.username", "dupont", "login.password", "secret")))
                .containsOnlyKeys("login.username");
    }

    @Test
    void rectificationSendsEveryExistingChildWithItsId() {
        Map<String, String> form = Map.of("guardians[0].civility", "M", "guardians[0].firstName", "Paul",
                "guardians[0].lastName", "MARTIN", "guardians[0].email", "paul@example.org",
                "children[0].childId", "c0", "children[0].firstName", "Eva",
                "children[1].childId", "c1");

        Map<String, Object> body = FamilyForm.rectification(form, 1, 2);

        assertThat((List<Object>) body.get("children")).containsExactly(
                row("childId", "c0", "firstName", "Eva", "lastName", null, "birthDate", null),
                row("childId", "c1", "firstName", null, "lastName", null, "birthDate", null));
    }

    @Test
    void theApisLoginFieldsAreShownAtTheFormsLoginFields() {
        var refusal = new fr.klub.portal.web.Refusal("inscription", "Refusé", List.of(
                new fr.klub.portal.web.Refusal.Field("password", "Au moins 8 caractères."),
                new fr.klub.portal.web.Refusal.Field("children[0].birthDate", "Passée.")));

        var shown = FamilyForm.atLoginFields(refusal);

        assertThat(shown.field("login.password")).isEqualTo("Au moins 8 caractères.");
        assertThat(shown.field("children[0].birthDate")).isEqualTo("Passée.");
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
