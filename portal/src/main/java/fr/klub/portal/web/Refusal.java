package fr.klub.portal.web;

import java.io.Serializable;
import java.util.List;

import fr.klub.portal.api.ApiRefusal;

/**
 * An API refusal carried to the page that follows the click (a flash attribute): its sentence, and
 * the id of the element it belongs to, so the page shows it there and ties it to the field.
 *
 * @param target the id of the cell or field that caused it
 * @param detail the API's French sentence
 * @param fields per field name, the API's message for it
 */
public record Refusal(String target, String detail, List<Field> fields) implements Serializable {

    public static Refusal of(String target, ApiRefusal refusal) {
        return new Refusal(target, refusal.detail(),
                refusal.errors().stream().map(e -> new Field(e.field(), e.message())).toList());
    }

    public boolean at(String id) {
        return target != null && target.equals(id);
    }

    /** The API's message about a field whose name starts with {@code name}, or null. */
    public String field(String name) {
        return fields.stream().filter(f -> f.name() != null && f.name().startsWith(name))
                .map(Field::message).findFirst().orElse(null);
    }

    public record Field(String name, String message) implements Serializable {
    }
}
