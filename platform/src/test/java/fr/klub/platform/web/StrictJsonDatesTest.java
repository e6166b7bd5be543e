package fr.klub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A date in a request body is an ISO-8601 string and nothing more: no number, no padding, no control character. */
class StrictJsonDatesTest {

    record Body(LocalDate birthDate) {
    }

    private final ObjectMapper json = strictMapper();

    private static ObjectMapper strictMapper() {
        Jackson2ObjectMapperBuilder builder = Jackson2ObjectMapperBuilder.json();
        StrictJson.customizer().customize(builder);
        builder.modulesToInstall(StrictJson.javaTimeFromTextOnly());
        return builder.build();
    }

    @Test
    void anIsoDateReads() throws Exception {
        assertThat(json.readValue("{\"birthDate\":\"2012-05-01\"}", Body.class).birthDate())
                .isEqualTo(LocalDate.of(2012, 5, 1));
    }

    @Test
    void aDateWithAControlCharacterOrSpacesAroundIsRefusedNotTrimmed() {
        for (String padded : new String[] {"2012-05-01\\u0000", " 2012-05-01", "2012-05-01\\n", "\\t2012-05-01"}) {
            assertThatThrownBy(() -> json.readValue("{\"birthDate\":\"" + padded + "\"}", Body.class))
                    .as(padded).isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void aNumberIsNotADate() {
        assertThatThrownBy(() -> json.readValue("{\"birthDate\":15000}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
