package fr.klub.query.planning;

import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.security.KlubUser;
import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.web.ReadSide;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Waiting lists")
class WaitlistController {

    private final ReadSide readSide;

    WaitlistController(ReadSide readSide) {
        this.readSide = readSide;
    }

    @GetMapping("/api/families/me/waitlist")
    @PreAuthorize("hasRole('PARENT')")
    @ReadsFrom({ReadModels.PLANNING, ReadModels.FAMILIES})
    @Operation(summary = "The family's children in waiting lists: WAITING with their position (1 = next),"
            + " or OFFERED with the deadline to answer")
    FamilyWaitlist waitlist(@AuthenticationPrincipal KlubUser parent) {
        return readSide.ask(new FindFamilyWaitlist(parent.familyId().orElseThrow()),
                instanceOf(FamilyWaitlist.class));
    }
}
