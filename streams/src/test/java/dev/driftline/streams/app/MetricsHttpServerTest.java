package dev.driftline.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The streaming jobs', sink's and remediation's HTTP endpoint over real HTTP: /metrics, /healthz and /readyz are
 * read-only (GET and HEAD answered; anything else 405 with {@code Allow: GET, HEAD}, computing nothing), and a
 * service's extra routes are served beside them.
 */
class MetricsHttpServerTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicInteger readinessChecks = new AtomicInteger();
    MetricsHttpServer server;

    @BeforeEach
    void start() throws Exception {
        Counter.builder("probe_test_events").register(registry).increment(3);
        server = MetricsHttpServer.start("127.0.0.1", 0, registry, () -> {
            readinessChecks.incrementAndGet();
            return false;
        }, "the test service is not running", Map.of("/extra/", ex -> {
            try (ex) {
                byte[] b = ("extra " + ex.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        }));
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("HEAD")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{\"state\":\"changed\"}");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getAnswersEachProbe() throws Exception {
        HttpResponse<String> metrics = call("GET", "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("probe_test_events_total 3.0");
        assertThat(call("GET", "/healthz").body()).isEqualTo("ok\n");
        HttpResponse<String> ready = call("GET", "/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("the test service is not running\n");
        assertThat(readinessChecks).hasValue(1);
    }

    @ParameterizedTest
    @CsvSource({"/metrics, 200", "/healthz, 200", "/readyz, 503"})
    void headAnswersWithoutABody(String path, int status) throws Exception {
        HttpResponse<String> r = call("HEAD", path);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"POST, /metrics", "PUT, /metrics", "DELETE, /metrics", "PATCH, /metrics", "POST, /healthz",
            "DELETE, /healthz", "PUT, /healthz", "POST, /readyz", "PUT, /readyz", "DELETE, /readyz", "PATCH, /readyz",
            "OPTIONS, /metrics", "TRACE, /healthz"})
    void anyOtherMethodIs405AndComputesNothing(String method, String path) throws Exception {
        HttpResponse<String> r = call(method, path);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
        if (!method.equals("TRACE")) {
            assertThat(r.body()).contains("method " + method + " not allowed").contains(path + " is read-only");
        }
        assertThat(readinessChecks).as("no readiness check behind a refused call").hasValue(0);
        assertThat(call("GET", "/metrics").body()).as("nothing counted or changed")
                .contains("probe_test_events_total 3.0");
    }

    @Test
    void extraRoutesAreServedBesideTheProbes() throws Exception {
        HttpResponse<String> r = call("POST", "/extra/thing");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("extra POST");
        assertThat(call("GET", "/healthz").statusCode()).isEqualTo(200);
    }
}
