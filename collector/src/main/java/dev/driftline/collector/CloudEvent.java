package dev.driftline.collector;

import java.util.Collections;
import java.util.Map;

/**
 * One CloudEvent as received: context attributes (lower-case names, string values) and the data bytes exactly as
 * sent (binary mode) or as they appeared in the structured JSON (the raw text of {@code data}, or the decoded
 * {@code data_base64}).
 *
 * <p>The event takes ownership of the attribute map it is given (read-only view, no copy: this is built for every
 * event on the hot path); callers pass a fresh map.
 */
public record CloudEvent(Map<String, String> attributes, byte[] data) {
    public CloudEvent {
        attributes = Collections.unmodifiableMap(attributes);
    }

    public String id() {
        return attributes.get("id");
    }

    public String type() {
        return attributes.get("type");
    }

    /** The KServe InferenceService name, our model identifier; {@code null} for other senders. */
    public String model() {
        return attributes.get("inferenceservicename");
    }

    public String dataContentType() {
        return attributes.get("datacontenttype");
    }

    public CloudEvent withData(byte[] newData) {
        return new CloudEvent(attributes, newData);
    }
}
