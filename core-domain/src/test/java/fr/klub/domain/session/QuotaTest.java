package fr.klub.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/** A session's capacity and its online share, at the edges. */
class QuotaTest {

    @Test
    void capacityIsOneToFiveHundred() {
        assertThat(new Quota(1, 1).capacity()).isEqualTo(1);
        assertThat(new Quota(500, 0).capacity()).isEqualTo(500);
        invalid(() -> new Quota(0, 0));
        invalid(() -> new Quota(501, 10));
    }

    @Test
    void theOnlineQuotaIsNoneToAll() {
        assertThat(new Quota(8, 0).online()).isZero();
        assertThat(new Quota(8, 8).online()).isEqualTo(8);
        invalid(() -> new Quota(8, -1));
        invalid(() -> new Quota(8, 9));
    }

    private static void invalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable quota) {
        assertThatThrownBy(quota).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.VALIDATION_FAILED));
    }
}
