package fr.klub.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.axonframework.updates.UpdateChecker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.context.ConfigurableApplicationContext;

import fr.klub.platform.sample.H2IntegrationTest;

/**
 * The platform defaults switch off Axon's Update Checker (it reports to AxonIQ's servers). Judged
 * on the exclusion itself: under JUnit, Axon would skip the checker anyway, so the mere absence of
 * its bean would prove nothing.
 */
class NoCallsHomeTest extends H2IntegrationTest {

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void axonsUpdateCheckerIsExcludedFromEveryService() {
        ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());

        assertThat(report.getExclusions()).contains(UpdateCheckerAutoConfiguration.class.getName());
        assertThat(context.getBeanNamesForType(UpdateChecker.class)).isEmpty();
    }
}
