package dev.driftline.sink.cloudwatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits data into PutMetricData calls within CloudWatch's limits: one namespace per call, at most
 * {@value #MAX_DATUMS} datums and at most {@value #MAX_BYTES} estimated request bytes (the service limit is 1 MB per
 * HTTP POST; the estimate of {@link Datum#estimatedBytes()} errs high, and this leaves headroom).
 */
public final class DatumBatches {
    public static final int MAX_DATUMS = 1000;
    public static final int MAX_BYTES = 900_000;

    private DatumBatches() {
    }

    /** One call's data. */
    public record Batch(String namespace, List<Datum> data) {
    }

    public static List<Batch> split(List<Datum> data) {
        return split(data, MAX_DATUMS, MAX_BYTES);
    }

    /** Batches in input order per namespace, namespaces in order of first appearance. */
    public static List<Batch> split(List<Datum> data, int maxDatums, int maxBytes) {
        Map<String, List<Datum>> byNamespace = new LinkedHashMap<>();
        for (Datum d : data) {
            byNamespace.computeIfAbsent(d.namespace(), n -> new ArrayList<>()).add(d);
        }
        List<Batch> out = new ArrayList<>();
        byNamespace.forEach((ns, list) -> {
            List<Datum> current = new ArrayList<>();
            int bytes = 200 + 3 * ns.length();
            for (Datum d : list) {
                int size = d.estimatedBytes();
                if (!current.isEmpty() && (current.size() >= maxDatums || bytes + size > maxBytes)) {
                    out.add(new Batch(ns, current));
                    current = new ArrayList<>();
                    bytes = 200 + 3 * ns.length();
                }
                current.add(d);
                bytes += size;
            }
            if (!current.isEmpty()) {
                out.add(new Batch(ns, current));
            }
        });
        return out;
    }
}
