package dev.driftline.sink.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

class MetricPutterTest {
    private static final Instant NOW = Instant.EPOCH.plus(Duration.ofDays(30));
    private final List<PutMetricDataRequest> calls = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final CloudWatchMetrics metrics = new CloudWatchMetrics(new SimpleMeterRegistry());

    /** A client that records every call and answers with {@code answer} (null = accepted). */
    private CloudWatchClient fake(Function<PutMetricDataRequest, CloudWatchException> answer) {
        return new CloudWatchClient() {
            @Override
            public PutMetricDataResponse putMetricData(PutMetricDataRequest r) {
                calls.add(r);
                CloudWatchException e = answer.apply(r);
                if (e != null) {
                    throw e;
                }
                return PutMetricDataResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "monitoring";
            }

            @Override
            public void close() {
            }
        };
    }

    private MetricPutter putter(CloudWatchClient client, int attempts) {
        return new MetricPutter(client, new CloudWatchSettings.Retry(attempts, Duration.ofMillis(100),
                Duration.ofSeconds(1)), metrics, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
    }

    private static CloudWatchException error(int status, String code) {
        return (CloudWatchException) CloudWatchException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    private static List<Datum> data(int n) {
        List<Datum> out = new ArrayList<>();
        for (Datum d : DatumBatchesTest.data("ns", n, 8)) {
            out.add(new Datum("ns", d.datum().toBuilder().timestamp(NOW.minusSeconds(60)).build()));
        }
        return out;
    }

    @Test
    void twentyFiveHundredDatumsInThreeCallsWithinTheLimits() throws Exception {
        assertThat(putter(fake(r -> null), 3).publish(data(2500))).isEqualTo(2500);
        assertThat(calls).extracting(r -> r.metricData().size()).containsExactly(1000, 1000, 500);
        assertThat(calls).allSatisfy(r -> assertThat(r.namespace()).isEqualTo("ns"));
        assertThat(metrics.publishedDatums()).isEqualTo(2500);
        assertThat(metrics.putCalls()).isEqualTo(3);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedWithGrowingBackoff() throws Exception {
        List<CloudWatchException> answers = new ArrayList<>(List.of(error(400, "Throttling"), error(503,
                "ServiceUnavailable"), error(429, "TooManyRequests")));
        assertThat(putter(fake(r -> answers.isEmpty() ? null : answers.remove(0)), 6).publish(data(10))).isEqualTo(10);
        assertThat(calls).hasSize(4);
        assertThat(sleeps).hasSize(3);
        // jittered within [delay/2, delay]: 100, 200, 400 ms
        assertThat(sleeps.get(0).toMillis()).isBetween(50L, 100L);
        assertThat(sleeps.get(1).toMillis()).isBetween(100L, 200L);
        assertThat(sleeps.get(2).toMillis()).isBetween(200L, 400L);
    }

    @Test
    void aRefusedDatumIsSkippedAndTheRestPublished() throws Exception {
        List<Datum> data = data(8);
        data.set(5, new Datum("ns", data.get(5).datum().toBuilder().metricName("bad").build()));
        int accepted = putter(fake(r -> r.metricData().stream().map(MetricDatum::metricName).anyMatch("bad"::equals)
                ? error(400, "InvalidParameterValue") : null), 3).publish(data);
        assertThat(accepted).isEqualTo(7);
        assertThat(metrics.droppedDatums()).isEqualTo(1);
        assertThat(sleeps).as("a refusal is not retried").isEmpty();
    }

    @Test
    void persistentServerErrorsGiveUpWithoutLosingAnything() {
        assertThatThrownBy(() -> putter(fake(r -> error(500, "InternalServiceError")), 4).publish(data(3)))
                .isInstanceOf(MetricPutter.TransientFailure.class);
        assertThat(calls).hasSize(4);
        assertThat(metrics.droppedDatums()).isZero();
    }

    @Test
    void datumsCloudWatchWouldRefuseAreSkippedBeforeSending() throws Exception {
        List<Datum> data = data(2);
        data.add(new Datum("ns", data.get(0).datum().toBuilder().timestamp(NOW.minus(Duration.ofDays(15))).build()));
        data.add(new Datum("ns", data.get(0).datum().toBuilder().timestamp(NOW.plus(Duration.ofHours(3))).build()));
        data.add(new Datum("ns", data.get(0).datum().toBuilder().value(Double.NaN).build()));
        data.add(new Datum("ns", data.get(0).datum().toBuilder().value(0x1p361).build()));
        assertThat(putter(fake(r -> null), 3).publish(data)).isEqualTo(2);
        assertThat(calls).singleElement().satisfies(r -> assertThat(r.metricData()).hasSize(2));
        assertThat(metrics.droppedDatums()).isEqualTo(4);
    }
}
