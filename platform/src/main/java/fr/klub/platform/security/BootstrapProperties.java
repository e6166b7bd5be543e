package fr.klub.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * First accounts of a fresh installation, from configuration only (environment variables
 * {@code KLUB_BOOTSTRAP_STAFF_USERNAME}, {@code KLUB_BOOTSTRAP_STAFF_PASSWORD},
 * {@code KLUB_BOOTSTRAP_AUDITOR_USERNAME}, {@code KLUB_BOOTSTRAP_AUDITOR_PASSWORD}). Created at
 * start-up if absent; never changed afterwards; there is no built-in default.
 */
@ConfigurationProperties("klub.bootstrap")
public record BootstrapProperties(Credentials staff, Credentials auditor) {

    public record Credentials(String username, String password) {

        boolean configured() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }

        @Override
        public String toString() {
            return "Credentials[***]";
        }
    }
}
