package dev.driftline.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Sends an {@link InferenceSchedule} as the collector writes it ({@link CollectorRecords}), request then response of
 * each id, at {@code requestsPerSecond} (0: as fast as the producer takes them), and waits at gates: a gate at
 * request i holds the sender before request i until the test {@link #open opens} it, so that the test decides where
 * a fault lands however fast or slow the machine is. The producer's failures are kept for the test to report, never
 * swallowed.
 */
public final class ScheduleSender extends Thread {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String model;
    private final InferenceSchedule schedule;
    private final int requestsPerSecond;
    private final Duration gateLimit;
    private final Map<Integer, CountDownLatch> gates = new HashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile int sent;
    private volatile boolean waiting;
    private volatile boolean done;
    /** Partition of each request (and its response), from the send callbacks. */
    private final int[] partitionOf;

    /**
     * @param gateLimit how long a gate may stay closed before the sender gives up (a failure)
     * @param gateIndexes the request indexes to wait before
     */
    public ScheduleSender(KafkaProducer<byte[], byte[]> producer, String topic, String model,
                          InferenceSchedule schedule, int requestsPerSecond, Duration gateLimit, int... gateIndexes) {
        super("schedule-sender");
        setDaemon(true);
        this.producer = producer;
        this.topic = topic;
        this.model = model;
        this.schedule = schedule;
        this.requestsPerSecond = requestsPerSecond;
        this.gateLimit = gateLimit;
        this.partitionOf = new int[schedule.total()];
        for (int g : gateIndexes) {
            gates.put(g, new CountDownLatch(1));
        }
    }

    /** Lets the sender pass the gate at request {@code gate}. */
    public void open(int gate) {
        CountDownLatch latch = gates.get(gate);
        if (latch == null) {
            throw new IllegalArgumentException("no gate at request " + gate + " (gates: " + gates.keySet() + ")");
        }
        latch.countDown();
    }

    public int sent() {
        return sent;
    }

    /** Whether the sender is held at a gate now. */
    public boolean waitingAtGate() {
        return waiting;
    }

    public boolean done() {
        return done;
    }

    /** Rows sent per partition in window w (after {@link #done}). */
    public Map<Integer, Long> rowsPerPartition(int w) {
        Map<Integer, Long> out = new TreeMap<>();
        for (int i = w * schedule.perWindow(); i < (w + 1) * schedule.perWindow(); i++) {
            out.merge(partitionOf[i], (long) schedule.rows(i), Long::sum);
        }
        return out;
    }

    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void run() {
        try {
            Pacer pacer = new Pacer(requestsPerSecond);
            for (int i = 0; i < schedule.total(); i++) {
                CountDownLatch gate = gates.get(i);
                if (gate != null) {
                    waiting = true;
                    if (!gate.await(gateLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("gate at request " + i + " never opened");
                    }
                    waiting = false;
                    pacer.restart();
                }
                pacer.await();
                String id = schedule.id(i);
                Instant t = schedule.requestTime(i);
                int index = i;
                producer.send(CollectorRecords.event(topic, null, model, id, CollectorRecords.REQUEST, t,
                        schedule.request(i)), (md, e) -> {
                    check(e);
                    if (e == null) {
                        partitionOf[index] = md.partition();
                    }
                });
                producer.send(CollectorRecords.event(topic, null, model, id, CollectorRecords.RESPONSE,
                        t.plusMillis(40), schedule.response(i)), (md, e) -> check(e));
                sent = i + 1;
            }
            producer.flush();
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private void check(Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }

}
