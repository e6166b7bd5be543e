package fr.klub.query.export;

import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.security.KlubUser;
import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Access and portability (product.md §11): the family downloads everything held about it; staff produce the same. */
@RestController
@Tag(name = "Données personnelles")
class ExportController {

    private final FamilyExport export;

    ExportController(FamilyExport export) {
        this.export = export;
    }

    @GetMapping("/api/families/me/export")
    @PreAuthorize("hasRole('PARENT')")
    @ReadsFrom({ReadModels.FAMILIES, ReadModels.DEMANDES, ReadModels.AGENDA, ReadModels.PLANNING})
    @Operation(summary = "Everything held about the caller's family, as one JSON document")
    Map<String, Object> mine(@AuthenticationPrincipal KlubUser parent) {
        return export.of(parent.familyId().orElseThrow());
    }

    @GetMapping("/api/staff/families/{familyId}/export")
    @PreAuthorize("hasRole('STAFF')")
    @ReadsFrom({ReadModels.FAMILIES, ReadModels.DEMANDES, ReadModels.AGENDA, ReadModels.PLANNING})
    @Operation(summary = "Everything held about one family, as its own export")
    Map<String, Object> family(@PathVariable UUID familyId) {
        return export.of(familyId);
    }
}
