package fr.klub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import fr.klub.domain.shared.RefusalCode;

/** Every refusal code of the contract reaches the client with its status and a French title. */
class ProblemTitlesTest {

    @Test
    void everyRefusalCodeHasAFrenchTitle() {
        for (RefusalCode code : RefusalCode.values()) {
            HttpStatus status = ProblemHandler.statusOf(code);
            ProblemDetail problem = Problems.problem(status, code.name(), "Refusé.");
            assertThat(problem.getTitle()).as(code.name()).isNotEqualTo(status.getReasonPhrase());
        }
    }

    @Test
    void waitingListRefusalsAreConflicts() {
        assertThat(ProblemHandler.statusOf(RefusalCode.WAITLIST_NOT_NEEDED)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ProblemHandler.statusOf(RefusalCode.OFFER_NOT_PENDING)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(Problems.problem(HttpStatus.CONFLICT, "OFFER_NOT_PENDING", "x").getTitle())
                .isEqualTo("Aucune place proposée");
    }
}
