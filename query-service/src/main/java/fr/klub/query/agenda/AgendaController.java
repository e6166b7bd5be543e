package fr.klub.query.agenda;

import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.security.KlubUser;
import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.web.ReadSide;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Agenda")
class AgendaController {

    private final ReadSide readSide;
    private final Clock clock;
    private final ZoneId town;

    AgendaController(ReadSide readSide, ObjectProvider<Clock> clock, @Value("${klub.town.zone:Europe/Paris}") ZoneId town) {
        this.readSide = readSide;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.town = town;
    }

    @GetMapping("/api/families/me/agenda")
    @PreAuthorize("hasRole('PARENT')")
    @ReadsFrom({ReadModels.AGENDA, ReadModels.FAMILIES})
    @Operation(summary = "The family's booked sessions in a month: PENDING (deposited) or CONFIRMED")
    Agenda agenda(@Parameter(description = "month, e.g. 2020-10 (default: this month)")
                  @RequestParam(required = false) YearMonth month,
                  @AuthenticationPrincipal KlubUser parent) {
        // a month outside the domain's calendar never gets here: platform's CalendarParameters
        YearMonth asked = month != null ? month : YearMonth.now(clock.withZone(town));
        return readSide.ask(new FindAgenda(parent.familyId().orElseThrow(), asked), instanceOf(Agenda.class));
    }
}
