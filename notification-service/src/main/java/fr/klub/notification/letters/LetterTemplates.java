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
 * placeholder without a value is an error rather than a letter with a hole in it.
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
        String subject = fill(template + ".subject.txt", values, false).strip();
        return new Letter(subject, fill(template + ".txt", values, false), fill(template + ".html", values, true));
    }

    private String fill(String file, Map<String, String> values, boolean html) {
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
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? escapeHtml(value) : value));
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
