package dev.driftline.drift.profile;

/** The reader of {@link ProfileCodec}'s fields; a field that runs past the end is a {@link ProfileFormatException}. */
final class ProfileIn {
    private final byte[] bytes;
    private int pos;

    ProfileIn(byte[] bytes) {
        this.bytes = bytes;
    }

    int remaining() {
        return bytes.length - pos;
    }

    private void need(int n) {
        if (n < 0 || remaining() < n) {
            throw new ProfileFormatException("truncated profile: needed " + n + " bytes at offset " + pos
                    + ", " + remaining() + " left");
        }
    }

    int u8() {
        need(1);
        return bytes[pos++] & 0xFF;
    }

    long varLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new ProfileFormatException("malformed varint at offset " + pos);
    }

    int varInt() {
        long v = varLong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new ProfileFormatException("value out of range: " + v);
        }
        return (int) v;
    }

    double doubleBits() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[pos++] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    double[] doubles(int count) {
        need(count * 8); // before allocating: a corrupt count must not allocate gigabytes
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = doubleBits();
        }
        return values;
    }

    /** Reads what {@link ProfileOut#sortedDoubles} wrote. */
    double[] sortedDoubles(int count) {
        need(count == 0 ? 0 : 8 + (count - 1)); // at least a byte a step: a corrupt count cannot allocate much
        double[] values = new double[count];
        long sortable = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0) {
                values[0] = doubleBits();
                sortable = ProfileCodec.sortable(values[0]);
            } else {
                sortable += varLong();
                values[i] = ProfileCodec.unsortable(sortable);
            }
        }
        return values;
    }

    byte[] blob() {
        int n = varInt();
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(bytes, pos, b, 0, n);
        pos += n;
        return b;
    }
}
