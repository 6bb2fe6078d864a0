package dev.driftline.contracts.inference;

import dev.driftline.drift.model.FrozenMap;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An inference event's CloudEvent attributes read from its record's headers only as they are asked for. The
 * pairing stage reads five or six of KServe's nine or more attributes per event; decoding every value into a map
 * up front and reading them took 440 ns per event, this way 245 ns (a JIT-warm harness with headers as the consumer
 * hands them, round 11 of docs/scaling.md): small, but it allocates less. A single attribute is found by a scan
 * from the last header (the last of a name wins, as in the map); the whole map is built once, the first time it is
 * iterated, compared or sized, with {@link InferenceEvent#of}'s order and values.
 *
 * <p>Read-only; it keeps its own copy of the header array, so headers added to the record later do not show.
 */
final class HeaderAttributes extends AbstractMap<String, String> {
    private final Header[] headers;
    private final String[] values; // decoded values by header index, as they are asked for
    private Map<String, String> all;

    HeaderAttributes(Headers headers) {
        this.headers = headers.toArray();
        this.values = new String[this.headers.length];
    }

    @Override
    public String get(Object name) {
        int i = find(name);
        if (i < 0) {
            return null;
        }
        String v = values[i];
        if (v == null) {
            v = values[i] = new String(headers[i].value(), StandardCharsets.UTF_8);
        }
        return v;
    }

    @Override
    public boolean containsKey(Object name) {
        return find(name) >= 0;
    }

    /**
     * The index of the last header carrying attribute {@code name} with a value, or -1: the header is
     * {@link InferenceEvent#headerName}'s, matched without building that name (this runs a few times per event).
     */
    private int find(Object name) {
        if (!(name instanceof String attribute)) {
            return -1;
        }
        boolean contentType = attribute.equals("datacontenttype");
        int prefix = contentType ? 0 : InferenceEvent.HEADER_PREFIX.length();
        String expected = contentType ? InferenceEvent.CONTENT_TYPE_HEADER : attribute;
        int length = prefix + expected.length();
        for (int i = headers.length - 1; i >= 0; i--) {
            String key = headers[i].key();
            if (key.length() == length && key.regionMatches(prefix, expected, 0, expected.length())
                    && (contentType || key.startsWith(InferenceEvent.HEADER_PREFIX)) && headers[i].value() != null) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return all().entrySet();
    }

    @Override
    public int size() {
        return all().size();
    }

    private Map<String, String> all() {
        if (all == null) {
            LinkedHashMap<String, String> m = new LinkedHashMap<>();
            for (Header h : headers) {
                String key = h.key();
                String name = key.equals(InferenceEvent.CONTENT_TYPE_HEADER) ? "datacontenttype"
                        : key.startsWith(InferenceEvent.HEADER_PREFIX)
                        ? key.substring(InferenceEvent.HEADER_PREFIX.length()) : null;
                if (name != null && h.value() != null) {
                    m.put(name, new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            all = FrozenMap.handOver(m);
        }
        return all;
    }
}
