package dev.driftline.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionedBytesTest {
    /** Fields of every kind, many more bytes than the hint, so the buffer grows several times. */
    private static void fields(DataOutputStream out) throws IOException {
        Random r = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            out.writeByte(i);
            out.writeDouble(r.nextGaussian());
            out.writeLong(r.nextLong());
            out.writeInt(i);
            out.writeUTF("f" + i);
            byte[] chunk = new byte[i % 37];
            r.nextBytes(chunk);
            out.write(chunk, 0, chunk.length);
            out.write(chunk, chunk.length / 2, chunk.length - chunk.length / 2);
        }
    }

    @Test
    void writesWhatADataOutputStreamOverAByteArrayStreamWrites() throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(plain)) {
            out.writeByte(3);
            fields(out);
        }
        for (int hint : new int[] {0, 1, 64, 100_000}) {
            assertThat(VersionedBytes.write(3, hint, VersionedBytesTest::fields)).as("hint %d", hint)
                    .isEqualTo(plain.toByteArray());
        }
    }

    @Test
    void readsItsOwnVersionAndRefusesAnother() {
        byte[] b = VersionedBytes.write(2, 8, out -> out.writeLong(42));
        long read = VersionedBytes.read(b, 2, "test value", in -> in.readLong());
        assertThat(read).isEqualTo(42L);
        assertThatThrownBy(() -> VersionedBytes.read(b, 3, "test value", in -> in.readLong()))
                .isInstanceOf(IllegalStateException.class).hasMessage("test value version 2 is not supported");
    }
}
