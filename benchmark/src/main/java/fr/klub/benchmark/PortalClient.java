package fr.klub.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One parent's browser on the portal, without the rendering: its cookies (per host and port, as a
 * browser keeps them), redirects followed one by one, forms posted with their CSRF token. It signs in
 * through the provider's form once and keeps the portal's session cookie afterwards.
 */
final class PortalClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int MOST_REDIRECTS = 10;

    private final HttpClient http;
    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
    private volatile String csrf;

    PortalClient(HttpClient http) {
        this.http = http;
    }

    /** A shared client that never follows redirects itself (each parent's cookies are its own). */
    static HttpClient sharedHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A page: its status after the redirects, where it ended, its HTML, how long the whole took. */
    record Page(int status, String url, String html, long nanos) {
        boolean ok() {
            return status == 200;
        }
    }

    /**
     * The sign-in a parent makes from "Se connecter": the portal sends to the provider, whose form takes
     * the login and password, then back through the portal's callback to its home.
     */
    Page signIn(String portal, String login, String password) {
        Page form = get(portal + "/oauth2/authorization/klub");
        if (!form.ok() || !form.html().contains("motDePasse")) {
            throw new IllegalStateException("no sign-in form for " + login + ": " + form.status() + " at " + form.url());
        }
        Page home = post(URI.create(form.url()).resolve("/connexion").toString(), Map.of("identifiant", List.of(login), "motDePasse", List.of(password)), form.html());
        if (!home.ok() || !home.html().contains("Ma famille")) {
            throw new IllegalStateException("sign-in of " + login + " ended at " + home.url() + " (" + home.status() + ")");
        }
        return home;
    }

    Page get(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET(), System.nanoTime(), null);
    }

    /** Posts a form of {@code page} (its CSRF token added) and follows the post/redirect/get. */
    Page post(String url, Map<String, List<String>> fields, String page) {
        return post(url, fields, page, null);
    }

    /** Posts with the CSRF token of the last page read. */
    Page post(String url, Map<String, List<String>> fields) {
        return post(url, fields, null, null);
    }

    /**
     * Posts a form of {@code page} and follows the redirects until one leads to an address starting with
     * {@code stopAt}, which is answered as a page of status 302 whose url is that address, not requested:
     * the benchmark plays an OpenID client's server, which receives its authorization code that way.
     */
    Page post(String url, Map<String, List<String>> fields, String page, String stopAt) {
        if (page != null) {
            read(page);
        }
        Map<String, List<String>> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", List.of(csrf));
        }
        String body = all.entrySet().stream().flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), System.nanoTime(), stopAt);
    }

    /** Remembers the CSRF token of a page read outside {@link #post(String, Map, String)}. */
    void read(Page page) {
        read(page.html());
    }

    private void read(String html) {
        Matcher token = CSRF.matcher(html);
        if (token.find()) {
            csrf = token.group(1);
        }
    }

    private Page follow(HttpRequest.Builder request, long begin, String stopAt) {
        URI uri = request.build().uri();
        try {
            for (int hop = 0; hop <= MOST_REDIRECTS; hop++) {
                request.timeout(Duration.ofSeconds(30));
                String jar = cookieHeader(uri);
                if (!jar.isEmpty()) {
                    request.header("Cookie", jar);
                }
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                keepCookies(uri, answer);
                if (answer.statusCode() / 100 != 3) {
                    return new Page(answer.statusCode(), uri.toString(), answer.body(), System.nanoTime() - begin);
                }
                String location = answer.headers().firstValue("Location").orElseThrow();
                // the fragment (#s-…) is the browser's business, never sent; the query stays as encoded
                String next = uri.resolve(location).toString();
                if (stopAt != null && next.startsWith(stopAt)) {
                    return new Page(answer.statusCode(), next, "", System.nanoTime() - begin);
                }
                uri = URI.create(next.contains("#") ? next.substring(0, next.indexOf('#')) : next);
                request = HttpRequest.newBuilder(uri).GET();
            }
            return new Page(0, uri.toString(), "too many redirects", System.nanoTime() - begin);
        } catch (IOException | IllegalArgumentException e) {
            return new Page(0, uri.toString(), e.getClass().getSimpleName(), System.nanoTime() - begin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Page(0, uri.toString(), "interrupted", System.nanoTime() - begin);
        }
    }

    private String cookieHeader(URI uri) {
        Map<String, String> mine = cookies.get(uri.getRawAuthority());
        return mine == null ? "" : mine.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Cookies per host and port (the portal and the provider both run on localhost); Secure ignored: no TLS here. */
    private void keepCookies(URI uri, HttpResponse<String> answer) {
        for (String header : answer.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            Map<String, String> mine = cookies.computeIfAbsent(uri.getRawAuthority(), a -> new ConcurrentHashMap<>());
            if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                mine.remove(name);
            } else {
                mine.put(name, value);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
