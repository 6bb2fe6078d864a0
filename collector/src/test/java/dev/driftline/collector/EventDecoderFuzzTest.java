package dev.driftline.collector;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the collector's request decoding (issue 17): whatever headers and body a sender posts, the pure path
 * {@link EventDecoder#checkHeaders} → {@link ContentDecoding#decode} → {@link EventDecoder#decode} (binary,
 * structured and batch mode, JSON checks, redaction) ends in events or a {@link Rejection}. Any other throwable
 * escapes the target and is a finding.
 *
 * <p>Input format (so the seed corpus is readable and realistic): an HTTP-like text — header lines {@code Name: value}
 * up to the first empty line, then the body as raw bytes. {@code Content-Type}, {@code Content-Encoding} and
 * {@code Content-Length} go to the decoder's arguments too, as the HTTP server passes them.
 *
 * <p>Without {@code JAZZER_FUZZ} the seeds under {@code src/test/resources/dev/driftline/collector/
 * EventDecoderFuzzTestInputs/decode/} run as regression tests; with {@code JAZZER_FUZZ=1} Jazzer fuzzes for
 * {@code maxDuration}.
 */
class EventDecoderFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Model "credit" has redaction rules, so the redactor is fuzzed too; every other model passes through. */
    private static final EventDecoder DECODER = new EventDecoder(settings(), MAPPER);
    private static final long MAX_DECODED = 1 << 20;

    private static CollectorSettings settings() {
        try {
            Path dir = Files.createTempDirectory("event-decoder-fuzz");
            dir.toFile().deleteOnExit(); // registered first, so deleted last: after the file below
            dir.resolve("collector.properties").toFile().deleteOnExit();
            return TestSettings.settings(dir, """
                    collector.redaction.model.credit.drop = ssn, name
                    collector.redaction.model.credit.hash = city
                    """, Map.of("DRIFTLINE_COLLECTOR_REDACTION_HASH_KEY", TestSettings.HASH_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seeds are realistic: every one not named broken-* is accepted, every broken-* one rejected. */
    @org.junit.jupiter.api.Test
    void seedsAreAcceptedOrRejectedAsNamed() throws Exception {
        Path seeds = Path.of("src/test/resources/dev/driftline/collector/EventDecoderFuzzTestInputs/decode");
        try (var files = Files.list(seeds)) {
            for (Path f : files.sorted().toList()) {
                boolean broken = f.getFileName().toString().startsWith("broken-");
                boolean accepted;
                try {
                    decodeOrReject(Files.readAllBytes(f));
                    accepted = true;
                } catch (Rejection r) {
                    accepted = false;
                }
                org.assertj.core.api.Assertions.assertThat(accepted).as(f.getFileName().toString()).isEqualTo(!broken);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        try {
            decodeOrReject(input);
        } catch (Rejection expected) {
            if (expected.getMessage() == null || expected.status() < 400) {
                throw new AssertionError("rejection without a reason or with a non-4xx/5xx status", expected);
            }
        }
    }

    private static void decodeOrReject(byte[] input) throws Rejection {
        int split = headerEnd(input);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String contentType = null;
        String contentEncoding = null;
        String contentLength = null;
        byte[] body;
        if (split < 0) {
            body = input;
        } else {
            String head = new String(input, 0, split, UTF_8);
            for (String line : head.split("\n", -1)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                headers.add(new SimpleImmutableEntry<>(name, value));
                switch (name.toLowerCase(java.util.Locale.ROOT)) {
                    case "content-type" -> contentType = value;
                    case "content-encoding" -> contentEncoding = value;
                    case "content-length" -> contentLength = value;
                    default -> { }
                }
            }
            body = Arrays.copyOfRange(input, split + 2, input.length);
        }
        DECODER.checkHeaders(contentType, contentEncoding, contentLength);
        byte[] decoded = ContentDecoding.decode(body, contentEncoding, MAX_DECODED);
        List<CloudEvent> events = DECODER.decode(headers, contentType, decoded);
        for (CloudEvent e : events) {
            if (e == null || e.id() == null || e.id().isEmpty() || e.type() == null) {
                throw new AssertionError("accepted an event without id or type: " + e);
            }
        }
    }

    /** Index of the "\n\n" that ends the header block, or -1 when there is none (all body, no headers). */
    private static int headerEnd(byte[] in) {
        for (int i = 0; i + 1 < in.length; i++) {
            if (in[i] == '\n' && in[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
