package fr.klub.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.klub.platform.security.AccountService;
import fr.klub.query.QueryServiceApplication;

/**
 * Read-your-writes cannot be used to hold request threads: a position beyond the store's head is a
 * 400 at once (never a 2-second wait answered "stale"), a request that is not signed in never waits,
 * and any value but {@code now} or a plain decimal position is a 400 problem, never a 500.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:consistency-abuse;DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa", "spring.datasource.password="})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsistencyAbuseTest {

    private static final String PASSWORD = "motdepasse-klub-abus";
    private static final String READ = "/api/programmes";
    private static final String PUBLIC_READ = "/api/tracking/aucun-jeton";

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ReadModelProgress progress;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String username = "parent-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void aParent() {
        accounts.createParentAccount(username, PASSWORD, UUID.randomUUID());
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, boolean signedIn, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (signedIn) {
            request.header("Authorization", basic());
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"VALIDATION_FAILED\"").contains("consistentWith");
        assertThat(response.headers().firstValue(ConsistencyInterceptor.STALE_HEADER)).isEmpty();
    }

    @Test
    void aPositionBeyondTheHeadIsRefusedAtOnceInsteadOfWaited() throws Exception {
        long beyond = progress.head() + 1_000_000;

        assertRefused(get(READ + "?consistentWith=" + beyond, true));
        assertRefused(get(READ, true, "X-Consistent-With", Long.toString(beyond)));
        assertRefused(get(READ + "?consistentWith=" + Long.MAX_VALUE, true));
    }

    @Test
    void thePositionOfTheHeadIsWaitedFor() throws Exception {
        long head = progress.head();

        HttpResponse<String> answer = get(READ + "?consistentWith=" + head, true);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue(ConsistencyInterceptor.HEADER)).hasValue(Long.toString(head));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "1e3", "+1", "-2", "0x10", "12 34", "99999999999999999999999999",
            "\u0661\u0662", "\uff11", "now!", "nowhere"})
    void anythingButNowOrAPlainPositionIsA400(String value) throws Exception {
        assertRefused(get(READ + "?consistentWith=" + URLEncoder.encode(value, StandardCharsets.UTF_8), true));
    }

    @Test
    void aHugeValueIsA400() throws Exception {
        String huge = "9".repeat(4_000);
        assertRefused(get(READ + "?consistentWith=" + huge, true));
        assertRefused(get(READ, true, "X-Consistent-With", huge));
    }

    /** Raw non-ASCII bytes in the header, as a hostile client sends them (HttpClient would not). */
    @Test
    void nonAsciiBytesInTheHeaderAreA400NotA500() throws Exception {
        byte[] utf8 = "é".getBytes(StandardCharsets.UTF_8);
        String answer = raw(READ, true, utf8);
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("VALIDATION_FAILED");
        assertThat(raw(READ, true, new byte[] {(byte) 0xff, (byte) 0xfe, '1'})).startsWith("HTTP/1.1 400");
    }

    @Test
    void aPublicRouteIgnoresTheParameterAndNeverWaits() throws Exception {
        for (HttpResponse<String> answer : new HttpResponse[] {
                get(PUBLIC_READ + "?consistentWith=now", false),
                get(PUBLIC_READ + "?consistentWith=" + (progress.head() + 1_000_000), false),
                get(PUBLIC_READ + "?consistentWith=nimportequoi", false),
                get(PUBLIC_READ, false, "X-Consistent-With", "now")}) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
            assertThat(answer.headers().firstValue(ConsistencyInterceptor.HEADER)).isEmpty();
            assertThat(answer.headers().firstValue(ConsistencyInterceptor.STALE_HEADER)).isEmpty();
        }
        String rawAnswer = raw(PUBLIC_READ, false, "é".getBytes(StandardCharsets.UTF_8));
        assertThat(rawAnswer).startsWith("HTTP/1.1 404").doesNotContain(ConsistencyInterceptor.STALE_HEADER);
    }

    @Test
    void aSignedInReadStillWaitsOnRequest() throws Exception {
        HttpResponse<String> answer = get(READ, true, "X-Consistent-With", "now");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue(ConsistencyInterceptor.HEADER)).hasValue(Long.toString(progress.head()));
        assertThat(answer.headers().firstValue(ConsistencyInterceptor.STALE_HEADER)).hasValue("false");
    }

    /** One HTTP/1.1 GET over a socket with the header's value as raw bytes; returns the whole answer. */
    private String raw(String path, boolean signedIn, byte[] consistentWith) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Accept: application/json\r\n").getBytes(StandardCharsets.US_ASCII));
            if (signedIn) {
                request.writeBytes(("Authorization: " + basic() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("X-Consistent-With: ".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(consistentWith);
            request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
