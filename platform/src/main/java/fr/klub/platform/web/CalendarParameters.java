package fr.klub.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Function;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.Require;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Dates, months and instants given in a path or a query string ({@code ?month=2020-10}) are read
 * as ISO-8601 and must lie in the domain's calendar (Require: 2000-01-01 to 2100-12-31): a
 * {@code month=+999999999-12} is a 400 naming the parameter, for every route, rather than an
 * overflow further down. Replaces Spring's default parsers for these types (registered later,
 * so they win).
 */
public class CalendarParameters implements WebMvcConfigurer {

    private static final Instant EARLIEST = Require.EARLIEST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END = Require.LATEST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(LocalDate.class, formatter(LocalDate::parse, CalendarParameters::day));
        registry.addFormatterForFieldType(YearMonth.class, formatter(YearMonth::parse,
                month -> day(month.atDay(1))));
        registry.addFormatterForFieldType(Instant.class, formatter(Instant::parse, CalendarParameters::instant));
        registry.addFormatterForFieldType(OffsetDateTime.class, formatter(OffsetDateTime::parse,
                time -> instant(time.toInstant())));
    }

    private static boolean day(LocalDate day) {
        return !day.isBefore(Require.EARLIEST_DAY) && !day.isAfter(Require.LATEST_DAY);
    }

    private static boolean instant(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }

    private static <T> Formatter<T> formatter(Function<String, T> parse, Function<T, Boolean> inCalendar) {
        return new Formatter<>() {
            @Override
            public T parse(String text, Locale locale) {
                T value = parse.apply(text.strip());
                if (!inCalendar.apply(value)) {
                    throw Refusal.invalid("La valeur doit se situer entre " + Require.EARLIEST_DAY + " et "
                            + Require.LATEST_DAY + ".");
                }
                return value;
            }

            @Override
            public String print(T value, Locale locale) {
                return value.toString();
            }
        };
    }
}
