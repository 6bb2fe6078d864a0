package dev.driftline.sink.rows;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading a statistical figure: a JSON number, or null when undefined. Jackson writes NaN and infinities as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; those are undefined figures too and become null
 * (the lake keeps only finite values, so {@code avg(value)} never turns into NaN).
 */
final class Figures {
    private Figures() {
    }

    static Double opt(JsonNode o, String field) throws BadRecordException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() && (v.asText().equals("NaN") || v.asText().endsWith("Infinity"))) {
            return null;
        }
        if (!v.isNumber()) {
            throw new BadRecordException(BadRecordException.BAD_VALUE, field + " must be a number, got " + v);
        }
        double d = v.asDouble();
        return Double.isFinite(d) ? d : null;
    }

    /** True when the field holds a figure (a number or a non-finite marker), not text or structure. */
    static boolean isFigure(JsonNode v) {
        return v.isNumber() || (v.isTextual() && (v.asText().equals("NaN") || v.asText().endsWith("Infinity")));
    }
}
