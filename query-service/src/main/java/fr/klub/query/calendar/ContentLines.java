package fr.klub.query.calendar;

import java.nio.charset.StandardCharsets;

/**
 * The content lines of an iCalendar object (RFC 5545 §3.1): each ends with CRLF and is folded so
 * that no line is longer than 75 octets of UTF-8, never inside a character; TEXT values are
 * escaped (§3.3.11).
 */
final class ContentLines {

    static final String CRLF = "\r\n";
    static final int MAX_OCTETS = 75;

    private final StringBuilder out = new StringBuilder();

    /** A property whose value is already in its iCalendar form (a date-time, a keyword). */
    ContentLines property(String name, String value) {
        out.append(fold(name + ":" + value)).append(CRLF);
        return this;
    }

    /** A property of type TEXT: the value is escaped. */
    ContentLines text(String name, String value) {
        return property(name, escape(value));
    }

    byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Backslash, semicolon and comma escaped, a line break written {@code \n}; other controls dropped. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                case '\r' -> {
                    escaped.append("\\n");
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                // TEXT allows no other control character (HTAB aside); a name never needs one
                default -> {
                    if (c == '\t' || !Character.isISOControl(c)) {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Splits a line before any character that would take it past 75 octets; each continuation starts with a space. */
    static String fold(String line) {
        StringBuilder folded = new StringBuilder(line.length() + 16);
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = utf8Length(codePoint);
            if (octets + size > MAX_OCTETS) {
                folded.append(CRLF).append(' ');
                octets = 1;
            }
            folded.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return folded.toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
