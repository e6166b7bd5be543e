package fr.klub.systemtests.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import fr.klub.systemtests.support.Http;

/**
 * Routes that no OpenAPI document lists but every service answers: Spring's {@code /error},
 * unknown paths and methods, odd path shapes, the actuator, the documents themselves, and broken
 * credentials (sent without a login only: each one is a failed sign-in, and the throttling must
 * not lock the demo logins out of the rest of the suite).
 */
final class Unlisted {

    private Unlisted() {
    }

    static List<HostileRequest> requests(String service, Http http, boolean credentialAttacks) {
        List<HostileRequest> requests = new ArrayList<>();
        requests.add(request(service, http, "GET", "/error", List.of()).expecting(Expectation.UNKNOWN));
        for (String method : List.of("POST", "PUT", "DELETE")) {
            requests.add(request(service, http, method, "/error", List.of()));
        }
        requests.add(request(service, http, "GET", "/error?status=500", List.of()));
        requests.add(request(service, http, "GET", "/api/inconnu", List.of()));
        requests.add(request(service, http, "GET", "/api/inconnu%00", List.of()));
        requests.add(request(service, http, "GET", "/", List.of()));
        requests.add(request(service, http, "GET", "//api//programmes", List.of()));
        requests.add(request(service, http, "GET", "/api/programmes;jsessionid=x", List.of()));
        requests.add(request(service, http, "GET", "/api/programmes/", List.of()));
        requests.add(request(service, http, "GET", "/%2e%2e/%2e%2e/etc/passwd", List.of()));
        requests.add(request(service, http, "GET", "/api/%2e%2e/actuator/env", List.of()));
        requests.add(request(service, http, "PATCH", "/api/programmes", List.of()));
        requests.add(request(service, http, "OPTIONS", "/api/programmes", List.of()).expecting(Expectation.SURVIVE));
        requests.add(request(service, http, "PROPFIND", "/api/programmes", List.of()));
        requests.add(request(service, http, "DELETE", "/v3/api-docs", List.of()));
        requests.add(request(service, http, "GET", "/v3/api-docs?group=%00", List.of()).expecting(Expectation.SURVIVE));
        requests.add(request(service, http, "GET", "/v3/api-docs/%00", List.of()));
                requests.add(request(service, http, "GET", "/actuator/env", List.of()));
        requests.add(request(service, http, "GET", "/actuator/heapdump", List.of()));
        requests.add(request(service, http, "POST", "/actuator/shutdown", List.of()));
        // legitimate, but must survive hostile extras
        requests.add(request(service, http, "GET", "/actuator/health?x=%00", List.of()).expecting(Expectation.SURVIVE));
        requests.add(request(service, http, "GET", "/actuator/prometheus", List.of()).expecting(Expectation.SURVIVE));
        if (credentialAttacks) {
            for (String authorization : List.of("Basic !!!", "Bearer x", "Basic ", "Digest x",
                    "Basic " + java.util.Base64.getEncoder().encodeToString("sans-deux-points".getBytes()),
                    "Basic " + java.util.Base64.getEncoder().encodeToString(
                            "\u0000:\u0000".getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
                requests.add(request(service, http, "GET", "/api/programmes",
                        List.of(Map.entry("Authorization", authorization))));
            }
            for (String consistentWith : List.of("d\u00e9j\u00e0", "%00")) {
                requests.add(request(service, http, "GET", "/api/tracking/x",
                        List.of(Map.entry("X-Consistent-With", consistentWith))));
            }
        }
        return requests;
    }

    private static HostileRequest request(String service, Http http, String method, String target,
                                          List<Map.Entry<String, String>> headers) {
        ApiOperation route = new ApiOperation(service, http.baseUrl(), method, target, List.of(), null, null, null);
        return new HostileRequest(route, "route hors document", method, target, headers, null, Expectation.REFUSED);
    }
}
