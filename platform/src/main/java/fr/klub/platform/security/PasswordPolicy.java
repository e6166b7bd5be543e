package fr.klub.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import fr.klub.platform.demo.DemoLogins;
import fr.klub.platform.web.ApiProblem;

/**
 * What a password must be, for every way an account gets one (creation by staff, a family's
 * registration, the bootstrap accounts, {@code POST /api/me/password}):
 * <ul>
 *   <li>at least {@value #MIN_LENGTH_PARENT} characters for a parent, {@value #MIN_LENGTH_STAFF} for
 *       staff and auditors (their accounts see every family);</li>
 *   <li>at most {@value #MAX_BYTES} bytes in UTF-8, BCrypt's limit;</li>
 *   <li>not the login itself (whatever the case);</li>
 *   <li>not one of the demo passwords, which the README publishes;</li>
 *   <li>when changing it, not the current password.</li>
 * </ul>
 * Refusals are 400 {@code VALIDATION_FAILED} naming the field, in French.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH_PARENT = 8;
    static final int MIN_LENGTH_STAFF = 12;
    static final int MAX_BYTES = 72;

    private final List<String> demoPasswords;

    PasswordPolicy(List<String> demoPasswords) {
        this.demoPasswords = List.copyOf(demoPasswords);
    }

    static PasswordPolicy withDemoPasswords() {
        return new PasswordPolicy(DemoLogins.load().passwords());
    }

    static int minimumLength(Role role) {
        return role == Role.PARENT ? MIN_LENGTH_PARENT : MIN_LENGTH_STAFF;
    }

    /** Refuses (ApiProblem) a password that this account may not have. */
    void check(String field, String password, Role role, String username) {
        int minimum = minimumLength(role);
        if (password == null || password.codePointCount(0, password.length()) < minimum) {
            throw ApiProblem.invalidField(field, "Le mot de passe doit compter au moins " + minimum + " caractères"
                    + (role == Role.PARENT ? "." : " pour un compte du personnel ou d'audit."));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiProblem.invalidField(field, "Le mot de passe est trop long (" + MAX_BYTES
                    + " octets au plus, soit 72 caractères sans accent).");
        }
        if (username != null && password.strip().toLowerCase(Locale.ROOT).equals(Usernames.normalize(username))) {
            throw ApiProblem.invalidField(field, "Le mot de passe ne doit pas être l'identifiant : choisissez-en un autre.");
        }
        if (demoPasswords.contains(password)) {
            throw ApiProblem.invalidField(field, "Ce mot de passe est public (comptes de démonstration) : choisissez-en un autre.");
        }
    }
}
