package dev.driftline.streams.pairing;

import static dev.driftline.streams.support.BinaryFields.readNullableBytes;
import static dev.driftline.streams.support.BinaryFields.readNullableString;
import static dev.driftline.streams.support.BinaryFields.readString;
import static dev.driftline.streams.support.BinaryFields.writeNullableBytes;
import static dev.driftline.streams.support.BinaryFields.writeNullableString;
import static dev.driftline.streams.support.BinaryFields.writeString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.streams.support.CodecSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value of the {@value PairingProcessor#STORE} store, version 2 ({@link VersionedBytes}; byte arrays and strings
 * as int length + bytes, -1 for null):
 * <pre>
 *   byte version (2); string model; string endpoint (never null); bytes request; string requestContentType;
 *   long requestTime; bytes response; string responseContentType; long responseTime; long firstSeenWallMs;
 *   boolean emitted
 * </pre>
 * Version 1 (no endpoint, read as "") is still read: a store written before the upgrade holds pending events until
 * they pair, are released or pass the dedupe horizon. A reader older than version 2 fails on version 2 entries, so
 * the streams job is not rolled back across this change with its state.
 */
final class PendingEventCodec {
    static final int VERSION = 2;
    /** The first format, without the endpoint. */
    static final int V1 = 1;

    private PendingEventCodec() {
    }

    static byte[] toBytes(PendingEvent e) {
        return VersionedBytes.write(VERSION, 36 + e.endpoint().length(), out -> {
            writeNullableString(out, e.model());
            writeString(out, e.endpoint());
            writeNullableBytes(out, e.request());
            writeNullableString(out, e.requestContentType());
            out.writeLong(e.requestTime());
            writeNullableBytes(out, e.response());
            writeNullableString(out, e.responseContentType());
            out.writeLong(e.responseTime());
            out.writeLong(e.firstSeenWallMs());
            out.writeBoolean(e.emitted());
        });
    }

    /** @throws IllegalStateException when the value has another version */
    static PendingEvent fromBytes(byte[] b) {
        boolean v1 = b.length > 0 && b[0] == V1;
        return VersionedBytes.read(b, v1 ? V1 : VERSION, "pending-event state", in -> new PendingEvent(
                readNullableString(in), v1 ? "" : readString(in), readNullableBytes(in), readNullableString(in),
                in.readLong(), readNullableBytes(in), readNullableString(in), in.readLong(), in.readLong(),
                in.readBoolean()));
    }

    /** The typed serde of the store (and of tests reading pairs). */
    static Serde<PendingEvent> serde() {
        return CodecSerde.of(PendingEventCodec::toBytes, PendingEventCodec::fromBytes);
    }
}
