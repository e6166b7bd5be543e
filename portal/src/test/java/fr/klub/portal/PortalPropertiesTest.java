package fr.klub.portal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No demo secret outside the dev profile: without a client secret the portal does not start. */
class PortalPropertiesTest {

    @Test
    void aPortalWithoutClientSecretRefusesToStartAndSaysWhichVariableToSet() {
        assertThatThrownBy(() -> new PortalProperties(null, null, null, null, null, null,
                new PortalProperties.Oidc("http://localhost:8084", "portal", " ")))
                .hasMessageContaining("KLUB_PORTAL_CLIENTSECRET");
    }
}
