package dev.driftline.contracts.inference;

import static dev.driftline.contracts.RecordFormatException.BAD_VALUE;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.kserve.JsonValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * One tagged value of {@link InferenceRowsCodec} (a feature, a prediction or the label), mapped to and from Java
 * exactly as {@link InferenceRecordCodec} v1 maps it through JSON, so a record reads back the same from either
 * version: every integral type within a long is a long; other numbers are doubles, and a non-finite one is the
 * string JSON v1 writes for it ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}); lists, maps and integers
 * beyond a long are their JSON text, written by v1's generator and read back by the same mapping as v1's.
 */
final class RowsValues {
    static final int ABSENT = 0;
    static final int NULL = 1;
    static final int LONG = 2;
    static final int DOUBLE = 3;
    static final int STRING = 4;
    static final int TRUE = 5;
    static final int FALSE = 6;
    static final int JSON = 7;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private RowsValues() {
    }

    static void write(RowsOut out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Double d) { // the most common value: tested first
            writeDouble(out, d);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.writeByte(LONG);
            out.writeZigZag(((Number) value).longValue());
        } else if (value instanceof String text) {
            out.writeByte(STRING);
            out.writeString(text);
        } else if (value instanceof Boolean bool) {
            out.writeByte(bool ? TRUE : FALSE);
        } else if (value instanceof BigInteger big) {
            if (big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
                out.writeByte(LONG);
                out.writeZigZag(big.longValue());
            } else {
                writeJson(out, big); // v1 writes its digits and reads them back as a double
            }
        } else if (value instanceof Number number) { // Double, Float, BigDecimal, others: v1 writes doubleValue()
            writeDouble(out, number.doubleValue());
        } else if (value instanceof java.util.List<?> || value instanceof java.util.Map<?, ?>) {
            writeJson(out, value);
        } else {
            out.writeByte(STRING); // v1's safety net: anything else is its string form
            out.writeString(String.valueOf(value));
        }
    }

    private static void writeDouble(RowsOut out, double d) {
        if (Double.isFinite(d)) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else {
            // v1's generator quotes non-finite numbers (Jackson's WRITE_NAN_AS_STRINGS): they read back as strings
            out.writeByte(STRING);
            out.writeString(Double.toString(d));
        }
    }

    private static void writeJson(RowsOut out, Object value) {
        ByteArrayBuilder json = new ByteArrayBuilder(64);
        try (JsonGenerator g = InferenceRecordCodec.FACTORY.createGenerator(json)) {
            JsonValues.write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        out.writeByte(JSON);
        out.writeBytes(json.toByteArray());
    }

    /** The Java value of a value with tag {@code tag} ({@link #ABSENT} is the caller's business). */
    static Object read(RowsIn in, int tag, String what) {
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readZigZag(what);
            case DOUBLE -> finite(in.readDouble(what), what);
            case STRING -> in.readString(what);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case JSON -> fromJson(in.readString(what), what);
            default -> throw badTag(tag, what);
        };
    }

    /** Writes the value with tag {@code tag} to {@code g} as v1's generator wrote the value it came from. */
    static void copy(RowsIn in, int tag, String what, JsonGenerator g) throws IOException {
        switch (tag) {
            case NULL -> g.writeNull();
            case LONG -> g.writeNumber(in.readZigZag(what));
            case DOUBLE -> g.writeNumber(finite(in.readDouble(what), what));
            case STRING -> g.writeString(in.readString(what));
            case TRUE -> g.writeBoolean(true);
            case FALSE -> g.writeBoolean(false);
            case JSON -> g.writeRawValue(checkedJson(in.readString(what), what));
            default -> throw badTag(tag, what);
        }
    }

    static RecordFormatException badTag(int tag, String what) {
        return new RecordFormatException(BAD_VALUE, what + " has unknown value tag " + tag);
    }

    private static double finite(double d, String what) {
        if (!Double.isFinite(d)) {
            throw new RecordFormatException(BAD_VALUE, what + " is a non-finite double (written as a string)");
        }
        return d;
    }

    private static Object fromJson(String text, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (IOException e) {
            throw new RecordFormatException(BAD_VALUE, what + " is not JSON text");
        }
        if (node == null || node.isMissingNode()) {
            throw new RecordFormatException(BAD_VALUE, what + " is empty JSON text");
        }
        return JsonValues.toJava(node);
    }

    /** Raw text goes into the lake's JSON as is: it must be one JSON value, nothing around it. */
    private static String checkedJson(String text, String what) {
        try (var p = MAPPER.getFactory().createParser(text.getBytes(StandardCharsets.UTF_8))) {
            if (p.nextToken() == null) {
                throw new RecordFormatException(BAD_VALUE, what + " is empty JSON text");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new RecordFormatException(BAD_VALUE, what + " is more than one JSON value");
            }
        } catch (IOException e) {
            throw new RecordFormatException(BAD_VALUE, what + " is not JSON text");
        }
        return text;
    }
}
