package dev.driftline.contracts.inference;

import dev.driftline.contracts.HeaderSerde;
import dev.driftline.drift.model.FrozenMap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value of {@code <prefix>inference.events}: one CloudEvent of KServe's inference logger (a request or a
 * response), in the CloudEvents Kafka protocol binding's <b>binary content mode</b>: each attribute is a
 * {@code ce_<name>} header ({@code datacontenttype} is the {@code content-type} header), the data is the record
 * value byte for byte, the record key is the event id (a request and its response share it, so they land in the
 * same partition). Written by the collector, read by the pairing stage.
 *
 * @param attributes CloudEvent attribute name (without {@code ce_}) → value, e.g. {@code id}, {@code type},
 *                   {@code time}, {@code inferenceservicename}
 * @param data       the event's data (the KServe V1/V2 JSON body)
 */
public record InferenceEvent(Map<String, String> attributes, byte[] data) {
    public static final String HEADER_PREFIX = "ce_";
    public static final String CONTENT_TYPE_HEADER = "content-type";
    /** CloudEvent type of an inference request. */
    public static final String TYPE_REQUEST = "org.kubeflow.serving.inference.request";
    /** CloudEvent type of an inference response. */
    public static final String TYPE_RESPONSE = "org.kubeflow.serving.inference.response";

    public InferenceEvent {
        attributes = attributes instanceof FrozenMap || attributes instanceof HeaderAttributes ? attributes
                : FrozenMap.handOver(new LinkedHashMap<>(attributes));
        Objects.requireNonNull(data, "data");
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** The Kafka headers of {@code attributes} (binary content mode). */
    public static Headers headers(Map<String, String> attributes) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            headers.add(headerName(a.getKey()), a.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** The header that carries attribute {@code name}. */
    public static String headerName(String attribute) {
        return attribute.equals("datacontenttype") ? CONTENT_TYPE_HEADER : HEADER_PREFIX + attribute;
    }

    /** The value of attribute {@code name} in {@code headers} (the last header of that name), or null. */
    public static String attribute(Headers headers, String name) {
        Header h = headers.lastHeader(headerName(name));
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The event of a record's headers and value; its attributes are decoded as they are read. */
    public static InferenceEvent of(Headers headers, byte[] value) {
        return new InferenceEvent(new HeaderAttributes(headers), value == null ? new byte[0] : value);
    }

    /**
     * The serde of the binary content mode: the serializer adds the attributes as headers and returns the data;
     * the deserializer reads them back from the record's headers.
     */
    public static Serde<InferenceEvent> serde() {
        return HeaderSerde.of("an inference event (binary mode)", (e, headers) -> {
            headers(e.attributes()).forEach(headers::add);
            return e.data();
        }, (headers, data) -> data == null ? null : of(headers, data));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InferenceEvent e && attributes.equals(e.attributes) && Arrays.equals(data, e.data);
    }

    @Override
    public int hashCode() {
        return 31 * attributes.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "InferenceEvent" + attributes + " (" + data.length + " bytes)";
    }
}
