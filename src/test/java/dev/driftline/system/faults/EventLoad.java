package dev.driftline.system.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A few senders posting KServe V2 request CloudEvents (binary mode, as KServe's logger sends them) to the
 * collector, one at a time each with a short pause, every event with its own id and sent once (no retries, so an
 * id twice on the topic would be a duplicate made downstream of the sender). Records what each post got.
 */
final class EventLoad implements AutoCloseable {
    /** Longer than any answer the collector should ever take; an answer not in by then counts as a hang. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final String BODY =
            "{\"id\":\"r\",\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2.5]}]}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final String prefix;
    private final long pauseMillis;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> senders = new ArrayList<>();

    private EventLoad(URI uri, String prefix, long pauseMillis) {
        this.uri = uri;
        this.prefix = prefix;
        this.pauseMillis = pauseMillis;
    }

    /** Starts {@code threads} senders; ids are {@code <prefix>-<sender>-<n>}. */
    static EventLoad start(URI uri, String prefix, int threads, long pauseMillis) {
        EventLoad load = new EventLoad(uri, prefix, pauseMillis);
        for (int t = 0; t < threads; t++) {
            int sender = t;
            Thread thread = new Thread(() -> load.send(sender), "load-" + prefix + "-" + t);
            thread.setDaemon(true);
            load.senders.add(thread);
            thread.start();
        }
        return load;
    }

    private void send(int sender) {
        for (long n = 0; running.get(); n++) {
            outcomes.add(post(prefix + "-" + sender + "-" + n));
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Outcome post(String id) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(CLIENT_TIMEOUT)
                .header("Ce-Specversion", "1.0").header("Ce-Id", id)
                .header("Ce-Type", "org.kubeflow.serving.inference.request")
                .header("Ce-Source", "http://localhost:9081/").header("Ce-Inferenceservicename", "faults")
                .header("Ce-Endpoint", "faults-predictor").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        long sent = System.nanoTime();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Outcome(id, sent, System.nanoTime(), r.statusCode(),
                    r.headers().firstValue("Retry-After").isPresent(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(id, sent, System.nanoTime(), 0, false, e.toString());
        } catch (Exception e) {
            return new Outcome(id, sent, System.nanoTime(), 0, false, e.toString());
        }
    }

    /** What was sent so far, in no particular order. */
    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Stops sending and waits for the posts under way (each is bounded by the client timeout). */
    List<Outcome> stop() throws InterruptedException {
        running.set(false);
        for (Thread t : senders) {
            t.join(CLIENT_TIMEOUT.toMillis() * 2);
        }
        return outcomes();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
