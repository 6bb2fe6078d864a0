package dev.driftline.collector;

import static dev.driftline.collector.CollectorFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens from a file: events need one, probes do not. */
@WithKafka
class CollectorAuthIT {
    @Test
    void eventsNeedAValidTokenFromTheTokensFile(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# senders\ns3cr3t-token-one\nother-token\n");
        String prefix = kafka.uniqueTopic("auth-it") + ".";
        try (Collector c = CollectorFixture.start(kafka.bootstrapServers(), prefix,
                Map.of("collector.auth.tokens-file", tokens.toString()))) {
            awaitReady(c);
            HttpResponse<String> none = send(kserve(c, "a-1", REQUEST, V2_REQUEST));
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(send(kserve(c, "a-2", REQUEST, V2_REQUEST).header("Authorization", "Bearer wrong"))
                    .statusCode()).isEqualTo(401);
            assertThat(send(kserve(c, "a-3", REQUEST, V2_REQUEST).header("Authorization", "Bearer other-token"))
                    .statusCode()).isEqualTo(202);
            assertThat(send(java.net.http.HttpRequest.newBuilder(uri(c, "/healthz")).GET()).statusCode())
                    .isEqualTo(200);
            assertThat(kafka.readAll(prefix + "inference.events").stream()
                    .map(r -> new String(r.key(), StandardCharsets.UTF_8))).containsExactly("a-3");
        }
    }
}
