package dev.driftline.streams.pairing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the pairing store holds per event id: the request and/or response seen so far (body, content type, event
 * time), the model, when it arrived, and whether the pair was already emitted (kept for the dedupe horizon so a
 * retried duplicate is recognised).
 */
public record PendingEvent(String model, byte[] request, String requestContentType, long requestTime,
                           byte[] response, String responseContentType, long responseTime, long firstSeenWallMs,
                           boolean emitted) {
    private static final int VERSION = 1;

    public boolean hasRequest() {
        return request != null;
    }

    public boolean hasResponse() {
        return response != null;
    }

    /** Event time of the pair: the request's time, else the response's. */
    public long eventTime() {
        return request != null ? requestTime : responseTime;
    }

    public static Serde<PendingEvent> serde() {
        Serializer<PendingEvent> ser = (topic, e) -> e == null ? null : encode(e);
        Deserializer<PendingEvent> de = (topic, b) -> b == null ? null : decode(b);
        return Serdes.serdeFrom(ser, de);
    }

    static byte[] encode(PendingEvent e) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bos)) {
            out.writeByte(VERSION);
            writeString(out, e.model);
            writeBytes(out, e.request);
            writeString(out, e.requestContentType);
            out.writeLong(e.requestTime);
            writeBytes(out, e.response);
            writeString(out, e.responseContentType);
            out.writeLong(e.responseTime);
            out.writeLong(e.firstSeenWallMs);
            out.writeBoolean(e.emitted);
            out.flush();
            return bos.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static PendingEvent decode(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int v = in.readUnsignedByte();
            if (v != VERSION) {
                throw new IllegalStateException("pending-event state version " + v + " is not supported");
            }
            return new PendingEvent(readString(in), readBytes(in), readString(in), in.readLong(), readBytes(in),
                    readString(in), in.readLong(), in.readLong(), in.readBoolean());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n < 0 ? null : in.readNBytes(n);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
