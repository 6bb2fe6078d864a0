package dev.driftline.contracts.inference;

import static dev.driftline.contracts.RecordFormatException.BAD_VALUE;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.driftline.contracts.RecordFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link InferenceRowsCodec} v2 value read for the lake: one {@link InferenceRecordView} per row, whose
 * {@code features}/{@code predictions}/{@code label} text is exactly the text a v1 value of the same record holds
 * (v1's generator and double writer, fed the same values), so {@code inference_log} does not depend on which version
 * a row crossed the topic in. Straight from the bytes to the text: no records, maps or JSON trees in between, one
 * generator for all rows of the value.
 */
final class InferenceRowsViews {
    private InferenceRowsViews() {
    }

    /** The rows of a value whose version byte is {@link InferenceRowsCodec#VERSION}. */
    static List<InferenceRecordView> read(byte[] value) {
        RowsIn in = new RowsIn(value, 1);
        RowsHeader h = RowsHeader.read(in);
        long eventTime;
        try {
            eventTime = h.eventTime().toEpochMilli();
        } catch (ArithmeticException e) {
            throw new RecordFormatException(BAD_VALUE, "event_time is out of range: " + h.eventTime());
        }
        if (h.model().isBlank()) {
            throw new RecordFormatException(BAD_VALUE, "model must not be blank");
        }
        String modelVersion = h.modelVersion().isEmpty() ? null : h.modelVersion();
        List<InferenceRecordView> views = new ArrayList<>(h.rows());
        ByteArrayBuilder text = new ByteArrayBuilder(256);
        try (JsonGenerator g = InferenceRecordCodec.FACTORY.createGenerator(text)) {
            g.setRootValueSeparator(null); // each root value is one row's object: nothing between them
            for (int i = 0; i < h.rows(); i++) {
                int row = in.readVarint("row");
                String features = section(in, h.features(), "features", g, text);
                String predictions = section(in, h.predictions(), "predictions", g, text);
                int labelTag = in.readByte("label");
                String label = null;
                if (labelTag == RowsValues.ABSENT) {
                    throw new RecordFormatException(BAD_VALUE, "label is absent (null is tag 1)");
                } else if (labelTag != RowsValues.NULL) {
                    RowsValues.copy(in, labelTag, "label", g);
                    label = take(g, text);
                }
                views.add(new InferenceRecordView(InferenceRowsCodec.VERSION, h.model(), modelVersion,
                        h.inferenceId(), row, eventTime, features, predictions, label));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        if (!in.atEnd()) {
            throw new RecordFormatException(BAD_VALUE, in.remaining() + " trailing bytes after the rows");
        }
        return views;
    }

    private static String section(RowsIn in, String[] columns, String what, JsonGenerator g, ByteArrayBuilder text)
            throws IOException {
        int layout = in.readByte(what);
        g.writeStartObject();
        if (layout == InferenceRowsCodec.COLUMN_ORDER) {
            for (String column : columns) {
                int tag = in.readByte(what);
                if (tag != RowsValues.ABSENT) {
                    g.writeFieldName(column);
                    RowsValues.copy(in, tag, what, g);
                }
            }
        } else if (layout == InferenceRowsCodec.OWN_ORDER) {
            int k = in.readVarint(what + " count");
            boolean[] seen = new boolean[columns.length];
            for (int i = 0; i < k; i++) {
                String column = columns[InferenceRowsCodec.ownOrderColumn(in, seen, what)];
                int tag = in.readByte(what);
                if (tag == RowsValues.ABSENT) {
                    throw new RecordFormatException(BAD_VALUE, what + "." + column + " is absent in own order");
                }
                g.writeFieldName(column);
                RowsValues.copy(in, tag, what, g);
            }
        } else {
            throw new RecordFormatException(BAD_VALUE, what + " has unknown section layout " + layout);
        }
        g.writeEndObject();
        return take(g, text);
    }

    /** The text of the root value just written, leaving the buffer empty for the next one. */
    private static String take(JsonGenerator g, ByteArrayBuilder text) throws IOException {
        g.flush();
        String s = new String(text.toByteArray(), StandardCharsets.UTF_8);
        text.reset();
        return s;
    }
}
