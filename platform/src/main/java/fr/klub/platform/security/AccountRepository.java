package fr.klub.platform.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code account} table, through plain JDBC. */
class AccountRepository {

    private static final String COLUMNS =
            "id, username, password_hash, role, family_id, created_at, password_changed_at";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE username = ?")
                   .param(username)
                   .query(AccountRepository::map)
                   .optional();
    }

    Optional<Account> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?")
                   .param(id)
                   .query(AccountRepository::map)
                   .optional();
    }

    boolean existsByUsername(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM account WHERE username = ?")
                   .param(username)
                   .query(Long.class)
                   .single() > 0;
    }

    /** Throws {@code DuplicateKeyException} when the username is taken (unique constraint). */
    void insert(Account account) {
        jdbc.sql("INSERT INTO account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
            .param(account.id())
            .param(account.username())
            .param(account.passwordHash())
            .param(account.role().name())
            .param(account.familyId().orElse(null))
            .param(utc(account.createdAt()))
            .param(utc(account.passwordChangedAt()))
            .update();
    }

    boolean updatePasswordHash(UUID id, String expectedCurrentHash, String newHash, Instant changedAt) {
        return jdbc.sql("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ? AND password_hash = ?")
                   .param(newHash)
                   .param(utc(changedAt))
                   .param(id)
                   .param(expectedCurrentHash)
                   .update() == 1;
    }

    /**
     * Ends the account's OpenID Connect sessions: its authorizations at the embedded provider (table
     * of V400, in the shared database), refresh tokens included. Access tokens already issued run
     * to their expiry (minutes).
     */
    int deleteAuthorizations(String username) {
        return jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(username).update();
    }

    List<Account> findByFamily(UUID familyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE family_id = ?")
                   .param(familyId)
                   .query(AccountRepository::map)
                   .list();
    }

    /** Deletes the family's logins and what hangs on them (password reset links of V401). */
    int deleteFamilyAccounts(UUID familyId) {
        jdbc.sql("DELETE FROM password_reset WHERE family_id = ?").param(familyId).update();
        return jdbc.sql("DELETE FROM account WHERE family_id = ?").param(familyId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")),
                Optional.ofNullable(rs.getObject("family_id", UUID.class)),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("password_changed_at", OffsetDateTime.class).toInstant());
    }
}
