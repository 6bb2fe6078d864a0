package dev.driftline.collector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Undoes {@code Content-Encoding} (gzip, deflate; several in a row) with a cap on the decoded size, so a small
 * compressed body cannot expand into gigabytes (a zip bomb). Done here rather than by the HTTP server so the wire
 * limit and the decoded limit can be told apart and reported with the right key.
 */
final class ContentDecoding {
    private ContentDecoding() {
    }

    static byte[] decode(byte[] body, String contentEncoding, long maxDecoded) throws Rejection {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return body;
        }
        String[] codings = contentEncoding.split(",");
        byte[] out = body;
        for (int i = codings.length - 1; i >= 0; i--) { // applied in listed order, so undone in reverse
            String c = codings[i].strip().toLowerCase(Locale.ROOT);
            switch (c) {
                case "identity", "" -> { }
                case "gzip", "x-gzip" -> out = inflate(out, true, maxDecoded, c);
                case "deflate" -> out = inflate(out, false, maxDecoded, c);
                default -> throw new Rejection(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported Content-Encoding " + c + "; accepted: gzip, deflate, identity");
            }
        }
        return out;
    }

    private static byte[] inflate(byte[] in, boolean gzip, long max, String coding) throws Rejection {
        try (InputStream s = gzip ? new GZIPInputStream(new ByteArrayInputStream(in))
                : new InflaterInputStream(new ByteArrayInputStream(in), new Inflater(false))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(in.length * 4, 1 << 20));
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = s.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw EventDecoder.tooLarge("more than " + max + " bytes after " + coding + " decoding", max,
                            "collector.max-decompressed-size");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw Rejection.badRequest("body is not valid " + coding + " data: " + e.getMessage());
        } catch (IOException e) {
            throw Rejection.badRequest("cannot decode the " + coding + " body: " + e.getMessage());
        }
    }
}
