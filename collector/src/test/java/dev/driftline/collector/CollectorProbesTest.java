package dev.driftline.collector;

import static dev.driftline.collector.CollectorFixture.send;
import static dev.driftline.collector.CollectorFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The collector's /metrics, /healthz and /readyz are read-only: GET and HEAD are answered, any other method gets 405
 * with {@code Allow: GET, HEAD} and changes nothing (no rejection counted). No Kafka is needed for that: the
 * collector starts against a closed port and reports not-ready.
 */
class CollectorProbesTest {
    static Collector collector;

    @BeforeAll
    static void start() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        collector = CollectorFixture.start("127.0.0.1:" + deadPort, "probes-test.", Map.of());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("HEAD")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        return send(HttpRequest.newBuilder(uri(collector, path)).method(method, body));
    }

    @ParameterizedTest
    @CsvSource({"GET, /metrics, 200", "HEAD, /metrics, 200", "GET, /healthz, 200", "HEAD, /healthz, 200",
            "GET, /readyz, 503", "HEAD, /readyz, 503"})
    void getAndHeadAreAnswered(String method, String path, int status) throws Exception {
        HttpResponse<String> r = call(method, path);
        assertThat(r.statusCode()).isEqualTo(status);
        if (method.equals("HEAD")) {
            assertThat(r.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"POST, /metrics", "PUT, /metrics", "DELETE, /metrics", "PATCH, /metrics", "POST, /healthz",
            "PUT, /healthz", "DELETE, /healthz", "POST, /readyz", "PUT, /readyz", "DELETE, /readyz", "PATCH, /readyz",
            "OPTIONS, /readyz"})
    void anyOtherMethodIs405(String method, String path) throws Exception {
        HttpResponse<String> r = call(method, path);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(r.body()).contains("method " + method + " not allowed").contains(path + " is read-only");
    }

    @Test
    void refusedCallsChangeNothing() throws Exception {
        String before = call("GET", "/metrics").body();
        for (String path : new String[] {"/metrics", "/healthz", "/readyz"}) {
            assertThat(call("POST", path).statusCode()).isEqualTo(405);
            assertThat(call("DELETE", path).statusCode()).isEqualTo(405);
        }
        String after = call("GET", "/metrics").body();
        assertThat(rejections(after)).as("a refused probe call is not an event rejection").isEqualTo(rejections(before));
        assertThat(call("GET", "/healthz").statusCode()).isEqualTo(200);
    }

    /** The rejection counters' lines of a scrape. */
    static String rejections(String scrape) {
        return scrape.lines().filter(l -> l.startsWith("driftline_collector_rejections_total"))
                .sorted().reduce("", (a, b) -> a + b + "\n");
    }
}
