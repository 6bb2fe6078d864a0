package dev.driftline.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Sends an {@link InferenceSchedule} as the collector writes it ({@link CollectorRecords}), request then response of
 * each id, at {@code requestsPerSecond} (0: as fast as the producer takes them), and waits at gates: a gate at
 * request i holds the sender before request i until the test {@link #open opens} it, so that the test decides where
 * a fault lands however fast or slow the machine is.
 */
public final class ScheduleSender extends PacedSender {
    private final String topic;
    private final String model;
    private final InferenceSchedule schedule;
    private final Duration gateLimit;
    private final Map<Integer, CountDownLatch> gates = new HashMap<>();
    private volatile boolean waiting;
    /** Partition of each request (and its response), from the send callbacks. */
    private final int[] partitionOf;

    /**
     * @param gateLimit how long a gate may stay closed before the sender gives up (a failure)
     * @param gateIndexes the request indexes to wait before
     */
    public ScheduleSender(KafkaProducer<byte[], byte[]> producer, String topic, String model,
                          InferenceSchedule schedule, int requestsPerSecond, Duration gateLimit, int... gateIndexes) {
        super("schedule-sender", producer, schedule.total(), requestsPerSecond);
        this.topic = topic;
        this.model = model;
        this.schedule = schedule;
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

    /** Whether the sender is held at a gate now. */
    public boolean waitingAtGate() {
        return waiting;
    }

    /** Rows sent per partition in window w (after {@link #done}). */
    public Map<Integer, Long> rowsPerPartition(int w) {
        Map<Integer, Long> out = new TreeMap<>();
        for (int i = w * schedule.perWindow(); i < (w + 1) * schedule.perWindow(); i++) {
            out.merge(partitionOf[i], (long) schedule.rows(i), Long::sum);
        }
        return out;
    }

    @Override
    protected void before(int i, Pacer pacer) throws InterruptedException {
        CountDownLatch gate = gates.get(i);
        if (gate == null) {
            return;
        }
        waiting = true;
        if (!gate.await(gateLimit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("gate at request " + i + " never opened");
        }
        waiting = false;
        pacer.restart();
    }

    @Override
    protected void send(int i) {
        String id = schedule.id(i);
        Instant t = schedule.requestTime(i);
        producer.send(CollectorRecords.event(topic, null, model, id, CollectorRecords.REQUEST, t,
                schedule.request(i)), (md, e) -> {
                    check(e);
                    if (e == null) {
                        partitionOf[i] = md.partition();
                    }
                });
        producer.send(CollectorRecords.event(topic, null, model, id, CollectorRecords.RESPONSE, t.plusMillis(40),
                schedule.response(i)), (md, e) -> check(e));
    }
}
