package dev.driftline.contracts.deadletter;

import dev.driftline.contracts.HeaderSerde;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value of {@code <prefix>deadletter}: a record the pipeline accepted but could not use, kept whole (its
 * original bytes as the record value, its original key as the key) with why in {@code dl_*} headers. Written by the
 * normalisation stage and by Kafka Streams' deserialization handler; read by the meters and the lake.
 *
 * @param original the original value bytes (may be null)
 * @param reason   a short, bounded code (metric tag), e.g. {@code row_count_mismatch}, {@code not_json}
 * @param message  what was wrong, for people
 * @param part     which part of the input ({@code request}, {@code response}); null when not applicable
 * @param stage    where it was rejected ({@code normalize}, {@code evaluate}, …)
 * @param model    the model the input named, so the lake files it under its model; null when unknown
 */
public record DeadLetter(byte[] original, String reason, String message, String part, String stage, String model) {
    public static final String REASON = "dl_reason";
    public static final String MESSAGE = "dl_message";
    public static final String PART = "dl_part";
    public static final String STAGE = "dl_stage";
    public static final String MODEL = "dl_model";

    /** Adds the {@code dl_*} headers of this dead letter (model first, as the normalisation always wrote them). */
    public void writeHeaders(Headers h) {
        put(h, MODEL, model);
        put(h, REASON, reason);
        put(h, MESSAGE, message);
        put(h, PART, part);
        put(h, STAGE, stage);
    }

    /** The dead letter of a dead-letter topic record. */
    public static DeadLetter of(Headers h, byte[] value) {
        return new DeadLetter(value, header(h, REASON), header(h, MESSAGE), header(h, PART), header(h, STAGE),
                header(h, MODEL));
    }

    /** The value of header {@code name} (the last one) as UTF-8 text, or null. */
    public static String header(Headers h, String name) {
        Header x = h.lastHeader(name);
        return x == null || x.value() == null ? null : new String(x.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers h, String name, String value) {
        if (value != null) {
            h.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The serde: the serializer writes the {@code dl_*} headers and returns the original bytes. */
    public static Serde<DeadLetter> serde() {
        return HeaderSerde.of("a dead letter", (d, headers) -> {
            d.writeHeaders(headers);
            return d.original();
        }, DeadLetter::of);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && Arrays.equals(original, d.original) && java.util.Objects.equals(reason,
                d.reason) && java.util.Objects.equals(message, d.message) && java.util.Objects.equals(part, d.part)
                && java.util.Objects.equals(stage, d.stage) && java.util.Objects.equals(model, d.model);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(Arrays.hashCode(original), reason, message, part, stage, model);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + reason + " at " + stage + " (" + part + ", model " + model + "): " + message + "]";
    }
}
