package dev.driftline.streams.modelquality;

import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import java.io.IOException;
import java.util.Map;

/**
 * The binary form of a {@link JoinGroup} ({@link VersionedBytes}), version 1:
 * <pre>
 *   byte version (1);
 *   int n (waiting rows); when n &gt; 0: string model; string modelVersion; long windowStart; long rowsExpireAt;
 *     n × (int row; scalar prediction);
 *   int m (waiting labels); m × (int row; string model; long expiresAt; scalar label)
 * </pre>
 * Scalars as {@link Scalars}. The entries of the version before, one per row ({@code E|inferenceId|row},
 * {@link JoinEntryCodec}), are moved into groups by {@link JoinIndex#migrateLegacy}.
 */
final class JoinGroupCodec {
    static final int VERSION = 1;

    private JoinGroupCodec() {
    }

    static byte[] toBytes(JoinGroup g) {
        int size = 16 + 12 * (g.rows().size() + g.labels().size())
                + (g.hasRows() ? 24 + g.model().length() + g.modelVersion().length() : 0);
        return VersionedBytes.write(VERSION, size, out -> {
            out.writeInt(g.rows().size());
            if (g.hasRows()) {
                writeString(out, g.model());
                writeString(out, g.modelVersion());
                out.writeLong(g.windowStart());
                out.writeLong(g.rowsExpireAt());
                for (Map.Entry<Integer, Object> r : g.rows().entrySet()) {
                    out.writeInt(r.getKey());
                    Scalars.write(out, r.getValue());
                }
            }
            out.writeInt(g.labels().size());
            for (Map.Entry<Integer, JoinGroup.WaitingLabel> l : g.labels().entrySet()) {
                out.writeInt(l.getKey());
                writeString(out, l.getValue().model());
                out.writeLong(l.getValue().expiresAt());
                Scalars.write(out, l.getValue().label());
            }
        });
    }

    /** @throws IllegalStateException when the entry has another version; UncheckedIOException when truncated */
    static JoinGroup fromBytes(byte[] b) {
        return VersionedBytes.read(b, VERSION, "quality-join group", in -> {
            JoinGroup g = new JoinGroup();
            int n = count(in.readInt(), in.available());
            if (n > 0) {
                g.rowsOf(readString(in), readString(in), in.readLong(), in.readLong());
                for (int i = 0; i < n; i++) {
                    g.addRow(in.readInt(), Scalars.read(in));
                }
            }
            int m = count(in.readInt(), in.available());
            for (int i = 0; i < m; i++) {
                int row = in.readInt();
                g.addLabel(row, new JoinGroup.WaitingLabel(readString(in), in.readLong(), Scalars.read(in)));
            }
            return g;
        });
    }

    private static int count(int n, int available) throws IOException {
        if (n < 0 || n > available) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
