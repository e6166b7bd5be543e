package fr.klub.notification.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The letters' wording lives in files, one folder per template ({@code <name>.subject.txt},
 * {@code <name>.txt}, {@code <name>.html}), so that the town can reword them without touching
 * code. Placeholders are {@code ${name}}; values are HTML-escaped in the HTML file only. A
 * placeholder without a value is an error rather than a letter with a hole in it. A list value
 * (the lines of a letter that names several places) is written one line per item: "- item" in the
 * text, {@code <li>item</li>} (escaped) in the HTML, where the template puts it inside a list.
 */
final class LetterTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    private final Map<String, String> files = new HashMap<>();

    LetterTemplates(ResourceLoader resources, String location, List<String> templates) {
        String base = location.endsWith("/") ? location : location + "/";
        for (String template : templates) {
            for (String file : List.of(template + ".subject.txt", template + ".txt", template + ".html")) {
                files.put(file, read(resources.getResource(base + file)));
            }
        }
    }

    Letter render(String template, Map<String, String> values) {
        return render(template, values, Map.of());
    }

    Letter render(String template, Map<String, String> values, Map<String, List<String>> lists) {
        Map<String, String> text = new HashMap<>(values);
        Map<String, String> html = new HashMap<>();
        values.forEach((name, value) -> html.put(name, value == null ? null : escapeHtml(value)));
        lists.forEach((name, items) -> {
            text.put(name, String.join("\n", items.stream().map(item -> "- " + item).toList()));
            html.put(name, String.join("\n", items.stream().map(item -> "<li>" + escapeHtml(item) + "</li>").toList()));
        });
        String subject = fill(template + ".subject.txt", text).strip();
        return new Letter(subject, fill(template + ".txt", text), fill(template + ".html", html));
    }

    /** The values are given as they go in: the HTML ones already escaped. */
    private String fill(String file, Map<String, String> values) {
        String text = files.get(file);
        if (text == null) {
            throw new IllegalArgumentException("Unknown mail template file " + file);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("Mail template " + file + " needs a value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String read(Resource resource) {
        if (!resource.exists()) {
            throw new IllegalStateException("Mail template not found: " + resource.getDescription());
        }
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mail template " + resource.getDescription(), e);
        }
    }
}
