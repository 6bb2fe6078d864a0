package dev.driftline.streams.pairing;

import static dev.driftline.streams.support.BinaryFields.readNullableBytes;
import static dev.driftline.streams.support.BinaryFields.readNullableString;
import static dev.driftline.streams.support.BinaryFields.writeNullableBytes;
import static dev.driftline.streams.support.BinaryFields.writeNullableString;

import dev.driftline.contracts.VersionedBytes;
import dev.driftline.streams.support.CodecSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value of the {@value PairingProcessor#STORE} store, version 1 ({@link VersionedBytes}; byte arrays and strings
 * as int length + bytes, -1 for null):
 * <pre>
 *   byte version (1); string model; bytes request; string requestContentType; long requestTime;
 *   bytes response; string responseContentType; long responseTime; long firstSeenWallMs; boolean emitted
 * </pre>
 */
final class PendingEventCodec {
    static final int VERSION = 1;

    private PendingEventCodec() {
    }

    static byte[] toBytes(PendingEvent e) {
        return VersionedBytes.write(VERSION, 32, out -> {
            writeNullableString(out, e.model());
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
        return VersionedBytes.read(b, VERSION, "pending-event state", in -> new PendingEvent(readNullableString(in),
                readNullableBytes(in), readNullableString(in), in.readLong(), readNullableBytes(in),
                readNullableString(in), in.readLong(), in.readLong(), in.readBoolean()));
    }

    /** The typed serde of the store (and of tests reading pairs). */
    static Serde<PendingEvent> serde() {
        return CodecSerde.of(PendingEventCodec::toBytes, PendingEventCodec::fromBytes);
    }
}
