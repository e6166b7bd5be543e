package fr.klub.portal.tracking;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.QueryApi;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The public tracking page the e-mails link to: number, status and dates, nothing personal, no sign-in. */
@Controller
class TrackingController {

    private final QueryApi query;

    TrackingController(QueryApi query) {
        this.query = query;
    }

    @GetMapping("/suivi/{token}")
    String track(@PathVariable String token, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("tracking", query.tracking(token));
        } catch (ApiRefusal unknownToken) {
            // the same words for a token that never existed and one the API will not reveal
            response.setStatus(404);
            model.addAttribute("tracking", null);
        }
        return "suivi";
    }
}
