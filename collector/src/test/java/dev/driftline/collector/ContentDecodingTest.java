package dev.driftline.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodingTest {
    private static final byte[] JSON = "{\"instances\": [[1.0, 2.0]]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void noOrIdentityEncodingReturnsTheSameBytes() throws Exception {
        assertThat(ContentDecoding.decode(JSON, null, 10)).isSameAs(JSON);
        assertThat(ContentDecoding.decode(JSON, "identity", 10)).isSameAs(JSON);
    }

    @Test
    void gzipAndDeflateAreDecoded() throws Exception {
        assertThat(ContentDecoding.decode(gzip(JSON), "gzip", 1024)).isEqualTo(JSON);
        assertThat(ContentDecoding.decode(gzip(JSON), "X-GZIP", 1024)).isEqualTo(JSON);
        assertThat(ContentDecoding.decode(deflate(JSON), "deflate", 1024)).isEqualTo(JSON);
        assertThat(ContentDecoding.decode(gzip(deflate(JSON)), "deflate, gzip", 1024)).isEqualTo(JSON);
    }

    @Test
    void decodedSizeOverTheLimitIs413NamingTheKey() throws IOException {
        byte[] bomb = gzip(new byte[1 << 20]);
        assertThatThrownBy(() -> ContentDecoding.decode(bomb, "gzip", 64 * 1024))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.status()).isEqualTo(413);
                    assertThat(r.getMessage()).contains("collector.max-decompressed-size");
                });
    }

    @Test
    void corruptDataIs400AndUnknownCodingIs415() {
        assertThatThrownBy(() -> ContentDecoding.decode(JSON, "gzip", 1024))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.getMessage()).contains("gzip");
                });
        assertThatThrownBy(() -> ContentDecoding.decode(JSON, "br", 1024))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(415));
    }

    private static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(in);
        }
        return out.toByteArray();
    }
}
