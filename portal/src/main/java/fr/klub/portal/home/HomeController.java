package fr.klub.portal.home;

import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Town;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in invitation and the home page: the family's children and the programmes open for booking. */
@Controller
class HomeController {

    private final QueryApi query;
    private final Town town;

    HomeController(QueryApi query, Town town) {
        this.query = query;
        this.town = town;
    }

    /** Where Spring Security forwards a signed-in person who opened another role's page (status 403). */
    @RequestMapping("/acces-refuse")
    String accessDenied(jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        return "acces-refuse";
    }

    @GetMapping("/connexion")
    String signIn() {
        return town.signedIn() ? "redirect:/" : "connexion";
    }

    @GetMapping("/")
    String home(Model model) {
        if (town.staff()) {
            return "redirect:/agent/";
        }
        if (town.auditor()) {
            return "redirect:/audit/";
        }
        if (!town.parent()) {
            return "forward:/acces-refuse";
        }
        model.addAttribute("family", query.family());
        model.addAttribute("programmes", query.programmes().stream().filter(QueryApi.Programme::bookingOpen).toList());
        return "accueil";
    }
}
