package dev.driftline.sink.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

class DatumBatchesTest {
    static List<Datum> data(String namespace, int n, int dimensionValueLength) {
        List<Datum> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Datum(namespace, MetricDatum.builder().metricName("feature_baseline_drift_f" + i).value(0.1)
                    .timestamp(Instant.EPOCH).dimensions(Dimension.builder().name("EndpointName")
                            .value("e".repeat(dimensionValueLength)).build()).build()));
        }
        return out;
    }

    @Test
    void atMostAThousandDatumsPerCall() {
        List<DatumBatches.Batch> batches = DatumBatches.split(data("ns", 2500, 10));
        assertThat(batches).extracting(b -> b.data().size()).containsExactly(1000, 1000, 500);
    }

    @Test
    void largeDatumsAreSplitByEstimatedBytesAndEveryBatchStaysBelowTheLimit() {
        List<Datum> big = data("ns", 1000, 1000); // ~3.3 KB each by the estimate
        List<DatumBatches.Batch> batches = DatumBatches.split(big);
        assertThat(batches.size()).isGreaterThan(1);
        assertThat(batches.stream().mapToInt(b -> b.data().size()).sum()).isEqualTo(1000);
        assertThat(batches).allSatisfy(b -> assertThat(b.data().stream().mapToInt(Datum::estimatedBytes).sum())
                .isLessThanOrEqualTo(DatumBatches.MAX_BYTES));
    }

    @Test
    void oneNamespacePerCall() {
        List<Datum> mixed = new ArrayList<>(data("a", 3, 5));
        mixed.addAll(data("b", 2, 5));
        mixed.addAll(data("a", 1, 5));
        assertThat(DatumBatches.split(mixed)).extracting(DatumBatches.Batch::namespace, b -> b.data().size())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 4), org.assertj.core.groups.Tuple.tuple("b", 2));
    }
}
