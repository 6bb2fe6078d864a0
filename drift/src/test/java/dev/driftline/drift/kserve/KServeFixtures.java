package dev.driftline.drift.kserve;

import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.FeatureSpec;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.model.InferenceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Shared helpers: payloads are written as JSON text (single quotes swapped for readability). */
final class KServeFixtures {
    static final Instant T = Instant.parse("2026-11-21T10:05:00Z");

    private KServeFixtures() {
    }

    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static FeatureSchema schema(String... names) {
        return new FeatureSchema(java.util.Arrays.stream(names)
                .map(n -> new FeatureSpec(n, FeatureType.FRACTIONAL)).toList());
    }

    static List<InferenceRecord> normalize(String request, String response) {
        return normalize(request, response, Optional.empty(), Optional.empty());
    }

    static List<InferenceRecord> normalize(String request, String response, Optional<FeatureSchema> in,
                                           Optional<FeatureSchema> out) {
        return KServePayloads.normalize("iris", "req-1", T, request == null ? null : json(request),
                response == null ? null : json(response), in, out);
    }
}
