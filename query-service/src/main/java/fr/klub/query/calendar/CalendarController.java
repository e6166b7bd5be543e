package fr.klub.query.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.security.KlubUser;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.agenda.WholeAgenda;
import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The family agenda as iCalendar: a download for the signed-in parent, and a private
 * subscription address that calendar applications read without a login. The address shows
 * exactly what the download shows, nothing of another family.
 */
@RestController
@Tag(name = "Agenda")
class CalendarController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
    static final String FILE_NAME = "agenda-klub.ics";
    static final String FEED_PATH = "/api/calendar/";

    private final WholeAgenda agenda;
    private final CalendarFeeds feeds;
    private final AgendaCalendar calendar;
    private final Clock clock;
    private final String publicBaseUrl;

    CalendarController(WholeAgenda agenda, CalendarFeeds feeds, ObjectProvider<Clock> clock,
                       @Value("${klub.town.zone:Europe/Paris}") ZoneId town,
                       @Value("${klub.calendar.public-base-url:http://localhost:8082}") String publicBaseUrl) {
        this.agenda = agenda;
        this.feeds = feeds;
        this.calendar = new AgendaCalendar(town);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    @GetMapping("/api/families/me/agenda.ics")
    @PreAuthorize("hasRole('PARENT')")
    @ReadsFrom({ReadModels.AGENDA, ReadModels.FAMILIES})
    @Operation(summary = "The family's agenda as iCalendar (RFC 5545): every booked session, CONFIRMED or TENTATIVE (pending)")
    @ApiResponse(responseCode = "200", description = "Le fichier agenda-klub.ics",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
    ResponseEntity<byte[]> download(@AuthenticationPrincipal KlubUser parent) {
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(FILE_NAME).build().toString())
                .body(calendarOf(parent.familyId().orElseThrow()));
    }

    @PostMapping("/api/families/me/calendar-feed")
    @PreAuthorize("hasRole('PARENT')")
    @Operation(summary = "A new private subscription address of the family's agenda; the previous one stops working")
    FeedAddress subscribe(@AuthenticationPrincipal KlubUser parent) {
        FeedToken token = feeds.replace(parent.familyId().orElseThrow());
        return new FeedAddress(publicBaseUrl + FEED_PATH + token.value() + ".ics");
    }

    @GetMapping(FEED_PATH + "{feedToken}.ics")
    @ReadsFrom({ReadModels.AGENDA, ReadModels.FAMILIES})
    @Operation(summary = "The family's agenda as iCalendar, from its private subscription address (no login)")
    @ApiResponse(responseCode = "200", description = "L'agenda de la famille",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
    ResponseEntity<byte[]> feed(@PathVariable String feedToken) {
        UUID family = FeedToken.parse(feedToken).flatMap(feeds::familyOf)
                .orElseThrow(() -> ApiProblem.notFound("Cette adresse d'abonnement à l'agenda n'existe pas"
                        + " ou a été remplacée."));
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(FILE_NAME).build().toString())
                // a secret address: keep it out of search engines and shared caches
                .header("X-Robots-Tag", "noindex, nofollow")
                .body(calendarOf(family));
    }

    private byte[] calendarOf(UUID familyId) {
        return calendar.write(agenda.of(familyId), clock.instant());
    }
}
