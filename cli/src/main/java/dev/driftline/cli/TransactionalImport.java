package dev.driftline.cli;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes JSON Lines objects one Kafka transaction per object, with the object's checkpoint record in the same
 * transaction ({@link ImportCheckpoints}), and skips the objects a previous run checkpointed.
 *
 * <p>Why this gives "no record twice, none missing" across kills, for readers in {@code read_committed} mode (the
 * streaming jobs and the sink read that way): a run killed inside an object's transaction leaves it open; the rerun
 * uses the same {@code transactional.id} (derived from the checkpoint id), so its {@code initTransactions()} fences
 * the dead producer and aborts that transaction — its records are never visible and the object is not
 * checkpointed, so it is published again, whole, once. A run killed after a commit has both the records and the
 * checkpoint committed, so the rerun skips the object. There is no third state. Two live runs with the same
 * checkpoint id fence each other: the older one fails instead of both publishing.
 */
final class TransactionalImport {
    /** Turns one line into records; {@code send} puts them into the object's transaction. */
    @FunctionalInterface
    interface LineMapper {
        void map(String text, String object, long line, Consumer<ProducerRecord<byte[], byte[]>> send)
                throws Exception;
    }

    /** What a run did: objects published now, objects skipped as already done, lines and records published now. */
    record Result(int published, int skipped, long lines, long records) {
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private final Properties producerProperties;
    private final ImportCheckpoints checkpoints;
    private final Clock clock;
    private final PrintStream progress;

    /**
     * @param producerProperties bootstrap servers and any client settings (TLS, SASL); transactions are set here
     * @param checkpointId       names the import; the transactional id is derived from it
     */
    TransactionalImport(Properties producerProperties, String checkpointId, ImportCheckpoints checkpoints, Clock clock,
                        PrintStream progress) {
        this.producerProperties = new Properties();
        this.producerProperties.putAll(producerProperties);
        this.producerProperties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(checkpointId));
        this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.progress = progress;
    }

    static String transactionalId(String checkpointId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(checkpointId.getBytes(StandardCharsets.UTF_8));
            return "driftline-import-" + HexFormat.of().formatHex(h, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes the objects not checkpointed yet, in order. A failing line aborts its object's transaction (nothing
     * of that object is visible) and the exception goes up; the objects before it stay imported.
     */
    Result run(List<JsonLinesObject> objects, LineMapper mapper) throws Exception {
        checkpoints.ensureTopic();
        int published = 0;
        long lines = 0;
        long records = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions(); // first: aborts what a killed run left open, before we read the checkpoint
            Set<String> done = checkpoints.read();
            int skipped = (int) objects.stream().filter(o -> done.contains(o.name())).count();
            progress.printf("import: %d objects, %d already imported (checkpoint %s)%n", objects.size(), skipped,
                    producerProperties.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
            Instant lastReport = clock.instant();
            for (JsonLinesObject o : objects) {
                if (done.contains(o.name())) {
                    continue;
                }
                long[] counts = new long[2]; // lines, records of this object
                producer.beginTransaction();
                try (BufferedReader r = o.open()) {
                    String text;
                    long n = 0;
                    while ((text = r.readLine()) != null) {
                        n++;
                        if (!text.isBlank()) {
                            counts[0]++;
                            mapper.map(text, o.name(), n, rec -> {
                                producer.send(rec);
                                counts[1]++;
                            });
                        }
                    }
                    producer.send(checkpoints.done(o.name(), counts[0], counts[1], clock.instant()));
                    producer.commitTransaction();
                } catch (ProducerFencedException e) {
                    throw new IllegalStateException("another import with the same checkpoint took over; this one "
                            + "stops (its open transaction is aborted by the other)", e);
                } catch (Exception e) {
                    abortQuietly(producer);
                    if (e instanceof KafkaException) {
                        throw e;
                    }
                    throw new ObjectFailed(o.name(), published, e);
                }
                published++;
                lines += counts[0];
                records += counts[1];
                Instant now = clock.instant();
                if (!now.isBefore(lastReport.plus(PROGRESS_EVERY)) || published + skipped == objects.size()) {
                    progress.printf("import: %d/%d objects, %d lines, %d records; last %s%n", published + skipped,
                            objects.size(), lines, records, o.name());
                    lastReport = now;
                }
            }
            return new Result(published, skipped, lines, records);
        }
    }

    private static void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (KafkaException ignored) {
            // the broker aborts it at transaction timeout, or the next run's initTransactions() does
        }
    }

    /** A line (or the object itself) could not be imported; the objects before it were. */
    static final class ObjectFailed extends Exception {
        final int publishedBefore;

        ObjectFailed(String object, int publishedBefore, Exception cause) {
            super(object, cause);
            this.publishedBefore = publishedBefore;
        }

        /**
         * What to throw: bad input (a bad line names object and line already; an unreadable object names its URI)
         * becomes a {@link dev.driftline.config.UserInputException} saying what was and was not published.
         */
        Exception forUser() {
            Throwable c = getCause();
            String tail = " (nothing of " + getMessage() + " was published; the " + publishedBefore + " objects before "
                    + "it were, and a rerun resumes at it)";
            if (c instanceof dev.driftline.drift.io.InputFormatException || c instanceof dev.driftline.config.UserInputException) {
                return new dev.driftline.config.UserInputException(c.getMessage() + tail);
            }
            if (c instanceof java.io.IOException) {
                return new dev.driftline.config.UserInputException(getMessage() + ": cannot read: " + c.getMessage() + tail);
            }
            return c instanceof Exception e ? e : this;
        }
    }
}
