import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What authentication costs a click: the same GET sent with HTTP Basic and with a bearer token of
 * the embedded provider, against a running service (./klub-dev), reporting latency p50/p99 and the
 * service's CPU per request (read from /proc, Linux only). Not a test: a measurement.
 *
 *   java scripts/AuthCost.java <service-pid> [url] [requests] [threads]
 *
 * Defaults: the query-service's staff queue (http://localhost:8082/api/staff/queue), 4000 requests,
 * 8 threads; Basic as the demo staff login "agent", bearer from the dev script client (client
 * credentials), which speaks for the same account. docs/decisions/security-openid-connect.md.
 */
public class AuthCost {

    public static void main(String[] args) throws Exception {
        long pid = Long.parseLong(args[0]);
        String url = args.length > 1 ? args[1] : "http://localhost:8082/api/staff/queue";
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString("agent:klub-agent-2020".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = client.send(HttpRequest.newBuilder(URI.create("http://localhost:8084/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("script-agent:klub-script-dev".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher access = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
        if (!access.find()) {
            throw new IllegalStateException("No token: " + token.body());
        }
        String bearer = "Bearer " + access.group(1);
        for (int round = 0; round < 2; round++) { // the first round warms both paths up
            for (String[] mode : new String[][] {{"basic", basic}, {"bearer", bearer}}) {
                long cpuBefore = cpuTicks(pid);
                List<Long> latencies = run(client, url, mode[1], requests, threads);
                long cpuAfter = cpuTicks(pid);
                Collections.sort(latencies);
                if (round == 1) {
                    System.out.printf("%-6s %d requests: p50 %.2f ms, p99 %.2f ms, service CPU %.3f ms/request%n", mode[0], requests,
                            latencies.get(latencies.size() / 2) / 1e6, latencies.get(latencies.size() * 99 / 100) / 1e6,
                            (cpuAfter - cpuBefore) * 10.0 / requests);
                }
            }
        }
    }

    private static List<Long> run(HttpClient client, String url, String authorization, int requests, int threads) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            results.add(pool.submit(() -> {
                long start = System.nanoTime();
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
                return System.nanoTime() - start;
            }));
        }
        List<Long> latencies = new ArrayList<>();
        for (Future<Long> result : results) {
            latencies.add(result.get());
        }
        pool.shutdown();
        return latencies;
    }

    /** utime + stime of the process, in clock ticks (10 ms each on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
