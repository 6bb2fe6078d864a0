package dev.driftline.system.faults.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A service's Prometheus {@code /metrics} text, and the sum of one meter's samples in it. */
public final class MetricsText {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MetricsText() {
    }

    /** The text at {@code http://127.0.0.1:port/metrics}, or "" when the service does not answer. */
    public static String scrape(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Sum of the samples of {@code name} whose label set contains {@code labelPart} (e.g. {@code reason="x"}). */
    public static double sum(String text, String name, String labelPart) {
        double total = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            if (labelPart != null && !line.contains(labelPart)) {
                continue;
            }
            total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return total;
    }
}
