package dev.driftline.contracts.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.driftline.contracts.JsonFields;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.model.FeatureType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of a baseline in the {@link BaselineCodec} format (name, type and role of each, in order), read in one
 * streaming pass that skips everything else: the profiles (base64 of sketches and samples, most of a baseline's
 * bytes), the summaries and the constraints are never materialised.
 *
 * <p>For the normaliser, which needs only the names a model's positional payloads get, for every model it sees.
 * Decoding whole baselines for that was a third of the stream thread in {@code driftline bench pipeline --models
 * 1000} (JFR): six tasks each decoding a thousand baselines of about 180 KB. It checks what names depend on (format, version, each column's name, type and role) with the same
 * messages as the full decode; a baseline whose profiles are damaged still names its columns here, while the drift
 * evaluation, which decodes it whole, reports it as unreadable.
 */
public final class BaselineColumns {
    private static final JsonFactory JSON = new JsonFactory();

    /** One column of a baseline. */
    public record Column(String name, FeatureType type, BaselineFeature.Role role) {
    }

    private BaselineColumns() {
    }

    /**
     * The columns of baseline {@code bytes}, in the file's order.
     *
     * @throws RecordFormatException when they are not a baseline of a version this reads, or a column lacks its name
     *                               or has an unknown type or role
     */
    public static List<Column> of(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            return read(p);
        } catch (IOException e) {
            throw new RecordFormatException(RecordFormatException.NOT_JSON, "baseline is not JSON: "
                    + JsonFields.firstLine(e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw BaselineCodec.formatError(e);
        }
    }

    private static List<Column> read(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new RecordFormatException(RecordFormatException.NOT_JSON, "baseline is not a JSON object");
        }
        String format = null;
        int version = -1;
        String model = null;
        List<Column> columns = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "format" -> format = value.isScalarValue() ? p.getValueAsString() : null;
                case "version" -> version = value.isNumeric() ? p.getValueAsInt(-1) : -1;
                case "model" -> model = value.isScalarValue() ? p.getValueAsString() : null;
                case "features" -> readFeatures(p, value, columns);
                default -> p.skipChildren(); // a string (a profile) is skipped, not decoded, by the next token
            }
        }
        BaselineCodec.checkFormat(format, version, "baseline");
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            if (!seen.add(c.name())) { // as the full decode refuses it (Baseline)
                throw new IllegalArgumentException("baseline of " + model + " lists column " + c.name() + " twice");
            }
        }
        return List.copyOf(columns);
    }

    private static void readFeatures(JsonParser p, JsonToken start, List<Column> into) throws IOException {
        into.clear(); // a field given twice: the last one counts, as in the full decode's tree
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String where = "baseline features[" + i++ + "]";
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(where + ": not an object");
            }
            String name = null;
            String type = null;
            String role = "feature";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL
                        && (field.equals("name") || field.equals("type") || field.equals("role"))) {
                    switch (field) {
                        case "name" -> name = p.getValueAsString();
                        case "type" -> type = p.getValueAsString();
                        default -> role = p.getValueAsString();
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw new IllegalArgumentException(where + ": missing field \"name\"");
            }
            if (type == null) {
                throw new IllegalArgumentException(where + ": missing field \"type\"");
            }
            into.add(column(name, type, role, where));
        }
    }

    /** The column of a baseline's {@code name}, {@code type} and {@code role} texts (the codec reads them so too). */
    static Column column(String name, String type, String role, String where) {
        try {
            return new Column(name, FeatureType.valueOf(type.toUpperCase(Locale.ROOT)),
                    BaselineFeature.Role.valueOf(role.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown type or role: " + e.getMessage());
        }
    }
}
