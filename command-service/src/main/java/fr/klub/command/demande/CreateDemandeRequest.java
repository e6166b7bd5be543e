package fr.klub.command.demande;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/demandes}. */
record CreateDemandeRequest(
        @NotNull(message = "Le programme est obligatoire.") UUID programmeId,
        @NotEmpty(message = "Cochez au moins un enfant.")
        @Size(max = 12, message = "Une demande concerne au plus 12 enfants.")
        List<@NotNull(message = "Identifiant d'enfant manquant.") UUID> childIds) {
}
