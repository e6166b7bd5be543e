package fr.klub.query.demande;

import static fr.klub.query.testing.Klub.BOOKING_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.family.ErasureCause;
import fr.klub.domain.family.FamilyErased;
import fr.klub.query.testing.Klub;
import fr.klub.query.testing.ReadModelDatabase;

/** A refusal's reason is free text about the family: it reads "[effacé]" once the family is erased. */
class DemandeErasureTest {

    private static ReadModelDatabase database;

    private final UUID family = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private DemandeProjection demandes;

    @BeforeAll
    static void database() {
        database = ReadModelDatabase.h2();
    }

    @BeforeEach
    void setUp() {
        database.clearReadModels();
        demandes = new DemandeProjection(database.jdbc(), database.transactions());
    }

    @Test
    void anErasedFamilysRefusalReasonsReadErasedAndOtherFamiliesKeepTheirs() {
        UUID refused = UUID.randomUUID();
        UUID accepted = UUID.randomUUID();
        UUID othersRefused = UUID.randomUUID();
        demandes.on(Klub.draft(refused, family, UUID.randomUUID(), BOOKING_TIME, UUID.randomUUID()));
        demandes.on(Klub.draft(accepted, family, UUID.randomUUID(), BOOKING_TIME, UUID.randomUUID()));
        demandes.on(Klub.draft(othersRefused, other, UUID.randomUUID(), BOOKING_TIME, UUID.randomUUID()));
        demandes.on(new DemandeRefused(refused, family, "Motif au sujet de la famille TEST", BOOKING_TIME, List.of()));
        demandes.on(new DemandeRefused(othersRefused, other, "Dossier incomplet", BOOKING_TIME, List.of()));

        demandes.on(new FamilyErased(family, Instant.parse("2023-11-02T10:00:00Z"), ErasureCause.REQUEST));

        assertThat(reason(refused)).isEqualTo("[effacé]");
        assertThat(reason(accepted)).isNull();
        assertThat(reason(othersRefused)).isEqualTo("Dossier incomplet");
        assertThat(demandes.handle(new FindDemande(refused, null)).history()).isNotEmpty();
    }

    private String reason(UUID demandeId) {
        return database.jdbc().queryForObject("SELECT refusal_reason FROM q_demande WHERE demande_id = ?", String.class,
                demandeId);
    }
}
