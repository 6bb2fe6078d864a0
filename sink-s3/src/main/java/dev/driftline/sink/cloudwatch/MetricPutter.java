package dev.driftline.sink.cloudwatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Publishes data with PutMetricData in batches within the limits ({@link DatumBatches}), retrying a call with
 * exponential backoff and jitter on throttling, 5xx and network errors. A call refused for another reason (a 4xx:
 * invalid value, too many dimensions, …) is split in halves until the refused datums are alone; those are logged,
 * counted and skipped. Datums CloudWatch would refuse (NaN, beyond ±2^360, older than two weeks, more than two hours
 * ahead) are skipped before sending. When a call keeps failing transiently, {@link TransientFailure} tells the caller
 * not to commit and to try the records again later.
 */
public final class MetricPutter {
    private static final Logger LOG = LoggerFactory.getLogger(MetricPutter.class);
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    /** CloudWatch accepts values in [-2^360, 2^360], not NaN or infinities. */
    static final double MAX_VALUE = 0x1p360;

    /** Sleeps between attempts (replaced in tests). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** CloudWatch kept failing transiently: nothing was lost, the caller should try again later. */
    public static final class TransientFailure extends Exception {
        TransientFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final CloudWatchClient client;
    private final CloudWatchSettings.Retry retry;
    private final CloudWatchMetrics metrics;
    private final Clock clock;
    private final Sleeper sleeper;

    public MetricPutter(CloudWatchClient client, CloudWatchSettings.Retry retry, CloudWatchMetrics metrics,
                        Clock clock, Sleeper sleeper) {
        this.client = client;
        this.retry = retry;
        this.metrics = metrics;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Publishes all of {@code data}; returns the number CloudWatch accepted. */
    public int publish(List<Datum> data) throws TransientFailure, InterruptedException {
        Instant now = clock.instant();
        List<Datum> inRange = new ArrayList<>(data.size());
        for (Datum d : data) {
            Instant t = d.datum().timestamp();
            if (t != null && (t.isBefore(now.minus(MAX_AGE)) || t.isAfter(now.plus(MAX_AHEAD)))) {
                LOG.warn("skipping {} at {}: outside CloudWatch's accepted time range", d.datum().metricName(), t);
                metrics.dropped("time_range", 1);
            } else if (d.datum().value() != null && !(Math.abs(d.datum().value()) <= MAX_VALUE)) {
                LOG.warn("skipping {} = {}: outside CloudWatch's value range", d.datum().metricName(),
                        d.datum().value());
                metrics.dropped("value_range", 1);
            } else {
                inRange.add(d);
            }
        }
        int accepted = 0;
        for (DatumBatches.Batch b : DatumBatches.split(inRange)) {
            accepted += put(b.namespace(), b.data());
        }
        return accepted;
    }

    private int put(String namespace, List<Datum> batch) throws TransientFailure, InterruptedException {
        try {
            putWithRetries(namespace, batch);
            metrics.published(batch.size());
            return batch.size();
        } catch (CloudWatchException e) {
            if (batch.size() == 1) {
                MetricDatum d = batch.get(0).datum();
                LOG.error("CloudWatch refused {} {} in {}: {}; skipped", d.metricName(), d.dimensions(), namespace,
                        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
                metrics.dropped("refused", 1);
                return 0;
            }
            int half = batch.size() / 2;
            return put(namespace, batch.subList(0, half)) + put(namespace, batch.subList(half, batch.size()));
        }
    }

    /** One call, retried on transient errors; a permanent refusal is thrown as is. */
    private void putWithRetries(String namespace, List<Datum> batch) throws TransientFailure, InterruptedException {
        List<MetricDatum> datums = batch.stream().map(Datum::datum).toList();
        long delay = retry.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                client.putMetricData(r -> r.namespace(namespace).metricData(datums));
                return;
            } catch (CloudWatchException e) {
                if (!transientError(e)) {
                    throw e;
                }
                retryOrGiveUp(attempt, e, delay);
            } catch (SdkClientException e) {
                retryOrGiveUp(attempt, e, delay);
            }
            delay = Math.min(retry.maxBackoff().toMillis(), Math.max(1, delay * 2));
        }
    }

    private void retryOrGiveUp(int attempt, Exception e, long delay) throws TransientFailure, InterruptedException {
        if (attempt >= retry.maxAttempts()) {
            throw new TransientFailure("PutMetricData failed " + attempt + " times: " + e.getMessage(), e);
        }
        metrics.retried();
        long jittered = delay / 2 + (delay > 1 ? ThreadLocalRandom.current().nextLong(delay / 2 + 1) : 0);
        LOG.info("PutMetricData attempt {} failed ({}); retrying in {} ms", attempt, e.getMessage(), jittered);
        sleeper.sleep(Duration.ofMillis(jittered));
    }

    /** Throttling (429 or a Throttling error code) and server errors are worth retrying; other 4xx are not. */
    static boolean transientError(CloudWatchException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 429 || e.statusCode() >= 500 || e.isThrottlingException()
                || (code != null && (code.startsWith("Throttl") || code.equals("RequestLimitExceeded")
                        || code.equals("ServiceUnavailable") || code.equals("InternalServiceError")));
    }
}
