package fr.klub.portal.agent.families;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Refusal;

/**
 * A family's form as posted (fields named as the API's: {@code guardians[0].firstName},
 * {@code children[1].birthDate}, {@code login.username}), turned into the API's body. Rows left
 * empty are not sent; the first guardian and the first child always are, so that an empty form
 * gets the API's own sentence about what is missing. The portal checks nothing else.
 */
final class FamilyForm {

    static final int GUARDIAN_ROWS = 2;
    static final int CHILD_ROWS = 4;
    private static final List<String> GUARDIAN_FIELDS = List.of("civility", "firstName", "lastName", "email");
    private static final List<String> CHILD_FIELDS = List.of("childId", "firstName", "lastName", "birthDate");

    private FamilyForm() {
    }

    /** {@code POST C/api/staff/families}: guardians, children and the first login. */
    static Map<String, Object> registration(Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guardians", rows(form, "guardians", GUARDIAN_ROWS, GUARDIAN_FIELDS, false));
        body.put("children", rows(form, "children", CHILD_ROWS, CHILD_FIELDS.subList(1, CHILD_FIELDS.size()), false));
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("username", value(form, "login.username"));
        login.put("password", value(form, "login.password"));
        body.put("login", login);
        return body;
    }

    /** {@code PUT C/api/staff/families/{id}}: the guardians and the existing children, corrected. */
    static Map<String, Object> rectification(Map<String, String> form, int guardians, int children) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guardians", rows(form, "guardians", Math.max(guardians, 1), GUARDIAN_FIELDS, true));
        body.put("children", rows(form, "children", children, CHILD_FIELDS, true));
        return body;
    }

    /** The form's values as a page shows them again after a refusal: never the password. */
    static Map<String, String> shownAgain(Map<String, String> form) {
        Map<String, String> shown = new HashMap<>(form);
        shown.remove("login.password");
        shown.remove("_csrf");
        return shown;
    }

    /**
     * The API names the login's fields {@code username} and {@code password} (its account rules are
     * shared with the staff's accounts): under the form's names, so each message sits at its field.
     */
    static Refusal atLoginFields(Refusal refusal) {
        return new Refusal(refusal.target(), refusal.detail(), refusal.fields().stream()
                .map(f -> "username".equals(f.name()) || "password".equals(f.name())
                        ? new Refusal.Field("login." + f.name(), f.message()) : f)
                .toList());
    }

    /** The family as the rectification form starts: its current details under the API's field names. */
    static Map<String, String> of(QueryApi.Family family) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < family.guardians().size(); i++) {
            var g = family.guardians().get(i);
            values.put("guardians[" + i + "].civility", g.civility());
            values.put("guardians[" + i + "].firstName", g.firstName());
            values.put("guardians[" + i + "].lastName", g.lastName());
            values.put("guardians[" + i + "].email", g.email());
        }
        for (int i = 0; i < family.children().size(); i++) {
            var c = family.children().get(i);
            values.put("children[" + i + "].childId", String.valueOf(c.childId()));
            values.put("children[" + i + "].firstName", c.firstName());
            values.put("children[" + i + "].lastName", c.lastName());
            values.put("children[" + i + "].birthDate", c.birthDate() == null ? "" : c.birthDate().toString());
        }
        return values;
    }

    /** {@code every}: the rectification sends each existing row, even one whose fields were emptied (the API refuses it). */
    private static List<Map<String, Object>> rows(Map<String, String> form, String list, int count, List<String> fields,
                                                  boolean every) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            boolean filled = false;
            for (String field : fields) {
                String value = value(form, list + "[" + i + "]." + field);
                row.put(field, value);
                filled |= value != null && !field.equals("civility") && !field.equals("childId");
            }
            if (filled || every || i == 0) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** A blank field is absent (null), so the API names it as missing. */
    private static String value(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
