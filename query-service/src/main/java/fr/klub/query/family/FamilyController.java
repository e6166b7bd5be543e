package fr.klub.query.family;

import static org.axonframework.messaging.responsetypes.ResponseTypes.multipleInstancesOf;
import static org.axonframework.messaging.responsetypes.ResponseTypes.optionalInstanceOf;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.security.KlubUser;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.web.ReadSide;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Familles")
class FamilyController {

    private final ReadSide readSide;

    FamilyController(ReadSide readSide) {
        this.readSide = readSide;
    }

    @GetMapping("/api/families/me")
    @PreAuthorize("hasRole('PARENT')")
    @ReadsFrom(ReadModels.FAMILIES)
    @Operation(summary = "The caller's family: guardians and children")
    FamilyView me(@AuthenticationPrincipal KlubUser parent) {
        return readSide.ask(new FindFamily(parent.familyId().orElseThrow()), optionalInstanceOf(FamilyView.class))
                .orElseThrow(() -> ApiProblem.notFound("Famille inconnue."));
    }

    @GetMapping("/api/staff/families")
    @PreAuthorize("hasRole('STAFF')")
    @ReadsFrom(ReadModels.FAMILIES)
    @Operation(summary = "Families whose guardians' or children's names contain every word of q (case and accents"
            + " ignored), at most 50")
    List<FamilyView> search(@RequestParam(required = false) String q) {
        if (q == null || q.isBlank() || q.strip().length() < 2 || q.length() > 100) {
            throw ApiProblem.invalidField("q", "Saisissez de 2 à 100 caractères d'un nom ou d'un prénom.");
        }
        return readSide.ask(new SearchFamilies(q), multipleInstancesOf(FamilyView.class));
    }
}
