package fr.klub.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void theChainHoldsEachCauseOnceEvenWhenItLoopsBack() {
        RuntimeException outer = new RuntimeException("outer");
        IllegalStateException inner = new IllegalStateException("inner", outer);
        outer.initCause(inner);

        assertThat(Causes.chain(outer)).containsExactly(outer, inner);
        assertThat(Causes.root(outer)).isSameAs(inner);
    }

    @Test
    void anSqlExceptionsNextExceptionFollowsIt() {
        SQLException batch = new SQLException("batch");
        SQLException next = new SQLException("the real one", "40P01");
        batch.setNextException(next);
        RuntimeException wrapper = new RuntimeException(batch);

        assertThat(Causes.chain(wrapper)).containsExactly(wrapper, batch, next);
        assertThat(Causes.find(wrapper, SQLException.class)).containsSame(batch);
        assertThat(Causes.contains(wrapper, IllegalStateException.class)).isFalse();
    }
}
