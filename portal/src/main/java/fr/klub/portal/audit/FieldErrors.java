package fr.klub.portal.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.klub.portal.api.ApiRefusal;

/**
 * The errors of one audit form, per field of the page ({@code du}, {@code flux}…), so that each is
 * shown at its field and tied to it (aria-describedby). The API names its fields in English: the
 * page's names for them are given when an API refusal is placed.
 */
final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();
    private String general;

    void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    /** Each of the API's field errors at the page's field ({@code apiToPage}); the rest as a sentence for the form. */
    void place(ApiRefusal refusal, Map<String, String> apiToPage) {
        refusal.errors().forEach(error -> {
            String field = apiToPage.get(error.field());
            if (field != null) {
                add(field, error.message());
            } else if (general == null) {
                general = error.message();
            }
        });
        if (byField.isEmpty() && general == null) {
            general = refusal.detail();
        }
    }

    public boolean any() {
        return !byField.isEmpty() || general != null;
    }

    public String at(String field) {
        return byField.get(field);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** An error that belongs to no single field (e.g. a refusal of the whole request). */
    public String general() {
        return general;
    }
}
