package dev.driftline.drift.kserve;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.driftline.drift.model.FeatureSchema;
import dev.driftline.drift.model.FeatureSpec;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.model.InferenceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fuzzes the KServe V1/V2 normalisation (issue 17): for any request/response bodies and schemas,
 * {@link KServePayloads#normalize} returns records or throws {@link PayloadException}. Any other throwable escapes
 * the target and is a finding.
 *
 * <p>Input format (so the seed corpus is readable and realistic): option lines up to the first empty line —
 * {@code in: <names>} / {@code out: <names>} give a schema of comma-separated names (a name {@code name:I|S|B}
 * takes that type, default fractional), {@code version: <v>} the fallback version —, then the request body, a line
 * {@code ---}, and the response body. A body that is exactly {@code <none>} is absent (null); without a
 * {@code ---} line the input is a request alone.
 *
 * <p>Without {@code JAZZER_FUZZ} the seeds under {@code src/test/resources/dev/driftline/drift/kserve/
 * KServePayloadsFuzzTestInputs/normalize/} run as regression tests; with {@code JAZZER_FUZZ=1} Jazzer fuzzes for
 * {@code maxDuration}.
 */
class KServePayloadsFuzzTest {
    private static final Instant TIME = Instant.parse("2024-05-01T12:00:00Z");
    private static final byte[] NONE = "<none>".getBytes(UTF_8);
    private static final byte[] SEPARATOR = "\n---\n".getBytes(UTF_8);

    /** The seeds are realistic: every one not named broken-* normalises, every broken-* one is refused. */
    @org.junit.jupiter.api.Test
    void seedsNormaliseOrFailAsNamed() throws Exception {
        java.nio.file.Path seeds = java.nio.file.Path.of(
                "src/test/resources/dev/driftline/drift/kserve/KServePayloadsFuzzTestInputs/normalize");
        try (var files = java.nio.file.Files.list(seeds)) {
            for (java.nio.file.Path f : files.sorted().toList()) {
                boolean broken = f.getFileName().toString().startsWith("broken-");
                boolean ok;
                try {
                    run(java.nio.file.Files.readAllBytes(f));
                    ok = true;
                } catch (PayloadException e) {
                    ok = false;
                }
                org.assertj.core.api.Assertions.assertThat(ok).as(f.getFileName().toString()).isEqualTo(!broken);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void normalize(byte[] input) {
        try {
            run(input);
        } catch (PayloadException expected) {
            if (expected.getMessage() == null || expected.reason() == null) {
                throw new AssertionError("PayloadException without a message or reason", expected);
            }
        }
    }

    private static void run(byte[] input) {
        Optional<FeatureSchema> in = Optional.empty();
        Optional<FeatureSchema> out = Optional.empty();
        String version = "";
        int start = 0;
        int headerEnd = indexOf(input, "\n\n".getBytes(UTF_8), 0);
        if (headerEnd >= 0 && input.length > 0 && input[0] != '{') {
            for (String line : new String(input, 0, headerEnd, UTF_8).split("\n", -1)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                switch (key) {
                    case "in" -> in = schema(value);
                    case "out" -> out = schema(value);
                    case "version" -> version = value;
                    default -> { }
                }
            }
            start = headerEnd + 2;
        }
        int sep = indexOf(input, SEPARATOR, start);
        byte[] request = body(input, start, sep < 0 ? input.length : sep);
        byte[] response = sep < 0 ? null : body(input, sep + SEPARATOR.length, input.length);
        // Differential: the streaming reader of plain V2 bodies must agree with the tree reader on every input,
        // records or error (it hands everything it does not accept to the tree reader, which words the error).
        List<InferenceRecord> viaTree;
        try {
            viaTree = KServePayloads.normalize("iris", "id-1", TIME, request, response, version, in, out, false);
        } catch (PayloadException treeRefused) {
            try {
                KServePayloads.normalize("iris", "id-1", TIME, request, response, version, in, out);
            } catch (PayloadException refused) {
                if (refused.reason() != treeRefused.reason()
                        || !String.valueOf(refused.getMessage()).equals(treeRefused.getMessage())) {
                    throw new AssertionError("the two readers refuse differently: " + refused.getMessage()
                            + " / " + treeRefused.getMessage());
                }
                throw refused;
            }
            throw new AssertionError("the streaming reader accepted what the tree reader refuses: "
                    + treeRefused.getMessage());
        }
        List<InferenceRecord> records = KServePayloads.normalize("iris", "id-1", TIME, request, response,
                version, in, out);
        if (!records.equals(viaTree)) {
            throw new AssertionError("the two readers disagree: " + records + " / " + viaTree);
        }
        for (int r = 0; r < records.size(); r++) {
            if (records.get(r) == null) {
                throw new AssertionError("null record at row " + r);
            }
        }
    }

    /** "a, b:I, c:S" → a schema; names that the schema refuses (blank, duplicate) give no schema. */
    private static Optional<FeatureSchema> schema(String spec) {
        List<FeatureSpec> specs = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            FeatureType type = FeatureType.FRACTIONAL;
            int colon = p.lastIndexOf(':');
            if (colon > 0) {
                type = switch (p.substring(colon + 1).toUpperCase(Locale.ROOT)) {
                    case "I" -> FeatureType.INTEGRAL;
                    case "S" -> FeatureType.STRING;
                    case "B" -> FeatureType.BOOLEAN;
                    default -> FeatureType.FRACTIONAL;
                };
                p = p.substring(0, colon);
            }
            try {
                specs.add(new FeatureSpec(p, type));
            } catch (IllegalArgumentException | NullPointerException notASpec) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new FeatureSchema(specs));
        } catch (IllegalArgumentException | NullPointerException notASchema) {
            return Optional.empty(); // a schema is the project's own config, validated elsewhere: not fuzzed here
        }
    }

    private static byte[] body(byte[] in, int from, int to) {
        byte[] b = Arrays.copyOfRange(in, from, Math.max(from, to));
        return Arrays.equals(b, NONE) ? null : b;
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
