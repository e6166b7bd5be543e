package fr.klub.query.programme;

import static org.axonframework.messaging.responsetypes.ResponseTypes.multipleInstancesOf;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.web.ReadSide;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Programmes")
class ProgrammeController {

    private final ReadSide readSide;

    ProgrammeController(ReadSide readSide) {
        this.readSide = readSide;
    }

    @GetMapping("/api/programmes")
    @PreAuthorize("hasAnyRole('PARENT', 'STAFF')")
    @ReadsFrom(ReadModels.PROGRAMMES)
    @Operation(summary = "Programmes, newest first, with their dates, ages and booking window")
    List<ProgrammeView> programmes() {
        return readSide.ask(new FindProgrammes(), multipleInstancesOf(ProgrammeView.class));
    }
}
