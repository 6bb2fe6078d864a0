package dev.driftline.collector;

import static dev.driftline.collector.CollectorFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no Kafka reachable the collector still starts, reports not-ready, and answers events with 503 +
 * Retry-After instead of queueing them. (The broker-restart scenario runs against a broker process in the cli
 * module's BrokerRestartIT.)
 */
class CollectorUnavailableIT {
    @Test
    void answers503WithRetryAfterWhenKafkaIsDown() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        try (Collector c = CollectorFixture.start("127.0.0.1:" + deadPort, "unavailable-it.", Map.of())) {
            assertThat(c.ready()).isFalse();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = send(kserve(c, "down-" + i, REQUEST, V2_REQUEST));
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).contains("1");
                assertThat(r.body()).contains("retry");
            }
            HttpResponse<String> ready = send(HttpRequest.newBuilder(uri(c, "/readyz")).GET());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(send(HttpRequest.newBuilder(uri(c, "/healthz")).GET()).statusCode()).isEqualTo(200);
            String metrics = send(HttpRequest.newBuilder(uri(c, "/metrics")).GET()).body();
            assertThat(metrics).containsPattern("driftline_collector_rejections_total\\{reason=\"unavailable\"\\} 3\\.0");
        }
    }
}
