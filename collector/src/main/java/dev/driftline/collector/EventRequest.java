package dev.driftline.collector;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One POST of events, from first body byte to answer. Reads the body within its limits and time, decodes it,
 * hands the records to Kafka and answers 202 once Kafka acknowledged them all, or 503 when that takes longer than
 * the ack timeout. Everything runs on the request's event-loop context, so the state needs no locks.
 */
final class EventRequest {
    private final CollectorHttpServer server;
    private final HttpServerRequest req;
    private final Context context;
    private final long limit;
    private final String limitKey;
    private final AtomicLong inFlight;
    private final Buffer body = Buffer.buffer();
    private long reserved;
    private long readTimer = -1;
    private boolean finished;

    EventRequest(CollectorHttpServer server, HttpServerRequest req, Vertx vertx, AtomicLong inFlight) {
        this.server = server;
        this.req = req;
        this.context = vertx.getOrCreateContext();
        this.inFlight = inFlight;
        this.limit = server.settings().maxBodyBytes();
        this.limitKey = "collector.max-body-size";
    }

    void start() {
        readTimer = context.owner().setTimer(server.settings().readTimeout().toMillis(), t -> {
            readTimer = -1;
            fail(new Rejection(Rejection.Reason.TIMEOUT, "the request body did not arrive within "
                    + server.settings().readTimeout().toMillis() + " ms (collector.read-timeout)"), true);
        });
        req.handler(this::chunk);
        req.exceptionHandler(err -> fail(Rejection.badRequest("cannot read the request body: "
                + (err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage())), true));
        req.endHandler(v -> bodyComplete());
        if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
            req.response().writeContinue();
        }
    }

    private void chunk(Buffer chunk) {
        if (finished) {
            return;
        }
        int n = chunk.length();
        if ((long) body.length() + n > limit) {
            fail(EventDecoder.tooLarge("more than " + limit + " bytes", limit, limitKey), true);
            return;
        }
        if (inFlight.addAndGet(n) > server.settings().maxInFlightBytes()) {
            inFlight.addAndGet(-n);
            fail(new Rejection(Rejection.Reason.UNAVAILABLE, "collector is at its in-flight limit ("
                    + server.settings().maxInFlightBytes() + " bytes); retry later"), true);
            return;
        }
        reserved += n;
        body.appendBuffer(chunk);
    }

    private void bodyComplete() {
        if (finished) {
            return;
        }
        cancelReadTimer();
        List<CloudEvent> events;
        try {
            byte[] bytes = ContentDecoding.decode(body.getBytes(), req.getHeader(HttpHeaders.CONTENT_ENCODING),
                    server.settings().maxDecompressedBytes());
            server.metrics().bytes(bytes.length);
            events = server.decoder().decode(req.headers(), req.getHeader(HttpHeaders.CONTENT_TYPE), bytes);
        } catch (Rejection r) {
            fail(r, false);
            return;
        }
        if (!server.health().ready()) {
            events.forEach(e -> server.metrics().event(e, "unavailable"));
            fail(new Rejection(Rejection.Reason.UNAVAILABLE, "Kafka is unavailable: "
                    + server.health().problem().orElse("unknown") + "; retry later"), false);
            return;
        }
        List<ProducerRecord<byte[], byte[]>> records = events.stream()
                .map(e -> EventRecords.toRecord(server.settings().eventsTopic(), e)).toList();
        long started = System.nanoTime();
        long ackTimer = context.owner().setTimer(server.settings().ackTimeout().toMillis(), t -> {
            if (!finished) {
                events.forEach(e -> server.metrics().event(e, "unavailable"));
                fail(new Rejection(Rejection.Reason.UNAVAILABLE, "Kafka did not acknowledge within "
                        + server.settings().ackTimeout().toMillis() + " ms; retry later"), false);
            }
        });
        server.publisher().publish(records).whenComplete((ok, err) -> context.runOnContext(v -> {
            context.owner().cancelTimer(ackTimer);
            if (finished) {
                return; // already answered 503 on timeout; a late ack only means the retry will be a duplicate
            }
            if (err != null) {
                events.forEach(e -> server.metrics().event(e, "unavailable"));
                fail(new Rejection(Rejection.Reason.UNAVAILABLE, "Kafka did not accept the events ("
                        + err.getClass().getSimpleName() + "); retry later"), false);
                return;
            }
            server.metrics().produced(System.nanoTime() - started);
            events.forEach(e -> server.metrics().event(e, "accepted"));
            finish();
            server.responses().accepted(req.response(), events.size());
        }));
    }

    void fail(Rejection r, boolean closeConnection) {
        if (finished) {
            return;
        }
        finish();
        server.metrics().rejection(r.reason());
        var written = server.responses().reject(req.response(), r, closeConnection);
        if (closeConnection) {
            // The rest of the body was not read, so the connection cannot carry another request.
            written.onComplete(v -> req.connection().close());
        }
    }

    private void finish() {
        finished = true;
        cancelReadTimer();
        inFlight.addAndGet(-reserved);
        reserved = 0;
        server.requestDone();
    }

    private void cancelReadTimer() {
        if (readTimer >= 0) {
            context.owner().cancelTimer(readTimer);
            readTimer = -1;
        }
    }
}
