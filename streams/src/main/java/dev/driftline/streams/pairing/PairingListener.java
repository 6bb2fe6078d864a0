package dev.driftline.streams.pairing;

/**
 * Told by the pairing stage about the serving traffic it sees (for the serving-health meters). Implementations
 * must be cheap and must never throw into the pipeline: they only observe, the pairing result does not depend on
 * them.
 */
public interface PairingListener {
    /** Listens to nothing. */
    PairingListener NONE = new PairingListener() {
    };

    /**
     * A response event (not a duplicate) arrived for {@code model}; {@code statusCode} is the HTTP status the sender
     * carried in a {@code ce_statuscode} attribute, or -1 (KServe's logger carries none: it sends a response event
     * only for HTTP 200 answers).
     */
    default void onResponse(String model, byte[] body, int statusCode) {
    }

    /**
     * A pair was emitted: {@code latencyMs} is the response's CloudEvent time minus the request's, or -1 when one
     * side is missing; {@code answered} is false for a request released alone (its response never came).
     */
    default void onInference(String model, boolean hasRequest, boolean answered, long latencyMs) {
    }
}
