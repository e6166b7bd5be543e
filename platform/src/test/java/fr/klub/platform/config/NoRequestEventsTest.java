package fr.klub.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.servlet.DispatcherServlet;

import fr.klub.platform.sample.H2IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services publish no application event per request (nobody listens to them; each cost a few percent
 * of a read). Read from the servlet itself: the event comes after the answer, so a listener could not
 * tell its absence from its lateness.
 */
class NoRequestEventsTest extends H2IntegrationTest {

    @Autowired
    DispatcherServlet dispatcherServlet;

    @Test
    void theDispatcherPublishesNoEventPerRequest() {
        assertThat(ReflectionTestUtils.getField(dispatcherServlet, "publishEvents")).isEqualTo(false);
    }
}
