package fr.klub.portal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;

import fr.klub.portal.api.AuditApi;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Export": the whole history as NDJSON (one event a line, in order), passed through from the
 * query-service as it arrives, so that the portal's memory does not grow with the history.
 */
@Controller
class ExportController {

    private final AuditApi audit;

    ExportController(AuditApi audit) {
        this.audit = audit;
    }

    @GetMapping("/audit/export")
    String page() {
        return "audit/export";
    }

    @GetMapping("/audit/export/klub-historique.ndjson")
    void download(HttpServletResponse response) throws IOException {
        audit.export(() -> {
            response.setContentType("application/x-ndjson");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"klub-historique.ndjson\"");
            try {
                return response.getOutputStream();
            } catch (IOException closed) {
                throw new UncheckedIOException(closed);
            }
        });
        response.flushBuffer();
    }
}
