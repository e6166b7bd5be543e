package fr.klub.query.demande;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;
import fr.klub.query.projection.Sql;

/** One row of q_demande. */
record DemandeRow(UUID demandeId, UUID familyId, UUID programmeId, DemandeStatus status, Long number,
                  Instant createdAt, Instant expiresAt, Instant depositedAt, Instant decidedAt,
                  String refusalReason) {

    static DemandeRow read(ResultSet row, int rowNumber) throws SQLException {
        return new DemandeRow(Sql.uuid(row, "demande_id"), Sql.uuid(row, "family_id"), Sql.uuid(row, "programme_id"),
                DemandeStatus.valueOf(row.getString("status")), Sql.nullableLong(row, "number"),
                Sql.instant(row, "created_at"), Sql.instant(row, "expires_at"), Sql.instant(row, "deposited_at"),
                Sql.instant(row, "decided_at"), row.getString("refusal_reason"));
    }
}
