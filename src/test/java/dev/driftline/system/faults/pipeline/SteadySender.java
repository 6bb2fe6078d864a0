package dev.driftline.system.faults.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Sends an {@link InferenceSchedule} as request + response pairs at a steady rate, holding before one request
 * index until {@link #release()} (so that a fault lands under load however slow the machine is). The producer's
 * failures are kept for the test to report, never swallowed.
 */
public final class SteadySender extends Thread {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String model;
    private final InferenceSchedule schedule;
    private final int perSecond;
    private final int holdAt;
    private final CountDownLatch hold = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<Integer, Integer> partitionOf = new ConcurrentHashMap<>();
    private volatile int sent;
    private volatile boolean done;

    /** {@code holdAt} = the request index to wait before ({@code -1}: never wait). */
    public SteadySender(KafkaProducer<byte[], byte[]> producer, String topic, String model,
            InferenceSchedule schedule, int perSecond, int holdAt) {
        super("steady-sender");
        setDaemon(true);
        this.producer = producer;
        this.topic = topic;
        this.model = model;
        this.schedule = schedule;
        this.perSecond = perSecond;
        this.holdAt = holdAt;
    }

    public void release() {
        hold.countDown();
    }

    public int sent() {
        return sent;
    }

    public boolean done() {
        return done;
    }

    public Throwable failure() {
        return failure.get();
    }

    /** Rows sent per partition in window {@code w}, once {@link #done()}. */
    public Map<Integer, Long> rowsPerPartition(int w) {
        Map<Integer, Long> out = new TreeMap<>();
        for (int i = w * schedule.perWindow(); i < (w + 1) * schedule.perWindow(); i++) {
            out.merge(partitionOf.getOrDefault(i, -1), (long) schedule.rows(i), Long::sum);
        }
        return out;
    }

    @Override
    public void run() {
        try {
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < schedule.total(); i++) {
                if (i == holdAt) {
                    if (!hold.await(Duration.ofMinutes(6).toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("never released at request " + i);
                    }
                    next = System.nanoTime();
                }
                long pause = next - System.nanoTime();
                if (pause > 0) {
                    TimeUnit.NANOSECONDS.sleep(pause);
                }
                next += interval;
                int index = i;
                int rows = schedule.rows(i);
                producer.send(CollectorEvents.event(topic, null, model, schedule.id(i), CollectorEvents.REQUEST,
                        schedule.requestTime(i), CollectorEvents.requestBody(i, rows)), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            } else {
                                partitionOf.put(index, md.partition());
                            }
                        });
                producer.send(CollectorEvents.event(topic, null, model, schedule.id(i), CollectorEvents.RESPONSE,
                        schedule.requestTime(i).plusMillis(40), CollectorEvents.responseBody(i, rows)), (md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
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
}
