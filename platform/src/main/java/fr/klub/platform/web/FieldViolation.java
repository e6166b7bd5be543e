package fr.klub.platform.web;

/** One entry of a problem's {@code errors} array: which field, and what is wrong with it (French). */
public record FieldViolation(String field, String message) {
}
