package dev.driftline.testkit;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A test's traffic thread: sends steps 0 … total − 1 through one producer, spaced by a {@link Pacer}, then flushes.
 * How far it got ({@link #sent}), whether it finished and the first failure (its own or a send callback's, through
 * {@link #check}) are kept for the test to wait on and report, never swallowed.
 */
public abstract class PacedSender extends Thread {
    protected final KafkaProducer<byte[], byte[]> producer;
    private final int total;
    private final int perSecond;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile int sent;
    private volatile boolean done;

    /** @param perSecond steps per second, 0: as fast as the producer takes them */
    protected PacedSender(String name, KafkaProducer<byte[], byte[]> producer, int total, int perSecond) {
        super(name);
        setDaemon(true);
        this.producer = producer;
        this.total = total;
        this.perSecond = perSecond;
    }

    /** Sends step {@code i}; a send's callback reports its exception through {@link #check}. */
    protected abstract void send(int i);

    /** Called before step {@code i} is paced and sent: a subclass may hold the sender here. */
    protected void before(int i, Pacer pacer) throws InterruptedException {
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

    /** For send callbacks: keeps the first exception. */
    protected void check(Exception e) {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    }

    @Override
    public final void run() {
        try {
            Pacer pacer = new Pacer(perSecond);
            for (int i = 0; i < total; i++) {
                before(i, pacer);
                pacer.await();
                send(i);
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
