package dev.driftline.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Deterministic S3 object keys of the lake (relative to the lake prefix):
 *
 * <pre>
 * &lt;table&gt;/model=&lt;model&gt;/dt=YYYY-MM-DD/hour=HH/&lt;topic&gt;+&lt;partition&gt;+&lt;startOffset, 20 digits&gt;.parquet
 * </pre>
 *
 * <p>{@code dt} and {@code hour} are the UTC date and hour of the event time (the table's
 * {@link LakeTable#timeColumn() time column}). The same (table, model, hour, topic, partition, start offset) always
 * gives the same key, so a re-upload of the same batch after a crash overwrites the object instead of adding a
 * duplicate; the zero-padded offset makes keys of one partition sort by offset.
 *
 * <p><b>Escaping rule</b> ({@link #escape}), applied to the model and to the topic: ASCII letters, digits,
 * {@code '-'}, {@code '_'} and {@code '.'} are kept; every other character is written as its UTF-8 bytes in
 * {@code %XX} form with upper-case hex (so {@code '/'}, {@code '='}, {@code '+'}, {@code '%'}, spaces and non-ASCII
 * cannot break the path or the Hive {@code name=value} form). A value that is exactly {@code "."} or {@code ".."}
 * has its dots escaped ({@code %2E}). The empty string is refused. The mapping is injective, and Athena queries
 * filter on the escaped form ({@code WHERE model = 'fraud%2Fv2'}); most models ({@code [A-Za-z0-9._-]+}) are
 * unchanged.
 */
public final class ObjectKeys {

    /** Model partition for rows that name no model (dead letters without a model header). */
    public static final String UNKNOWN_MODEL = "_unknown";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ObjectKeys() {
    }

    /** The object key of a batch of {@code topic}/{@code partition} records starting at {@code startOffset}. */
    public static String key(LakeTable table, String model, Instant eventTime, String topic, int partition,
            long startOffset) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(eventTime, "eventTime");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset must be >= 0: " + startOffset);
        }
        String offset = Long.toString(startOffset);
        return partitionPath(table, model, eventTime) + escape(topic) + '+' + partition + '+'
                + "0".repeat(20 - offset.length()) + offset + ".parquet";
    }

    /** {@code <table>/model=<m>/dt=YYYY-MM-DD/hour=HH/}, ending with a slash. */
    public static String partitionPath(LakeTable table, String model, Instant eventTime) {
        return table.tableName() + "/model=" + escape(model) + "/dt=" + dt(eventTime) + "/hour=" + hour(eventTime)
                + '/';
    }

    /** UTC date of an instant, {@code YYYY-MM-DD}. */
    public static String dt(Instant t) {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(10);
        pad(b, z.getYear(), 4).append('-');
        pad(b, z.getMonthValue(), 2).append('-');
        return pad(b, z.getDayOfMonth(), 2).toString();
    }

    /** UTC hour of an instant, {@code HH}. */
    public static String hour(Instant t) {
        return pad(new StringBuilder(2), t.atZone(ZoneOffset.UTC).getHour(), 2).toString();
    }

    /** Zero-padded decimal (this runs per row: no String.format). */
    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(v);
    }

    /** Escapes a partition value or topic for a key; see the class comment for the rule. */
    public static String escape(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty value cannot be a key segment");
        }
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        if (value.chars().allMatch(ObjectKeys::isKept)) {
            return value; // the usual case: nothing to escape
        }
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isKept(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.';
    }
}
