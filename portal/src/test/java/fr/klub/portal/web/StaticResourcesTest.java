package fr.klub.portal.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Static files under their own folders only: the addresses of the pages' forms and links no longer go
 * through the resource chain, which cost two thirds of a grid page's CPU (docs/decisions/portal-speed.md).
 */
@SpringBootTest(properties = "klub.portal.oidc.client-secret=secret-de-test")
@AutoConfigureMockMvc
class StaticResourcesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ResourceUrlProvider resources;

    @Test
    void onlyTheStaticFoldersGoThroughTheResourceChain() {
        assertThat(resources.getHandlerMap().keySet()).containsExactlyInAnyOrder("/css/**", "/js/**", "/webjars/**");
    }

    @Test
    void theStyleSheetTheScriptAndHtmxAreServedWithoutSigningIn() throws Exception {
        mvc.perform(get("/css/portail.css")).andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/js/planning.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
    }

    @Test
    void aPageLinksHtmxWithItsVersion() {
        assertThat(resources.getForLookupPath("/webjars/htmx.org/dist/htmx.min.js"))
                .matches("/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js");
    }
}
