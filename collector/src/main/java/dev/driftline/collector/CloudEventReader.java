package dev.driftline.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads CloudEvents from the three HTTP encodings (binary, structured, batched). It only extracts; validation of
 * the attributes is {@link CloudEventValidator}'s job.
 *
 * <p>In structured mode the {@code data} member is copied as the exact bytes it occupies in the request (found via
 * the parser's byte offsets), so a JSON payload reaches Kafka as sent, not re-serialised.
 */
public final class CloudEventReader {
    private static final String HEADER_PREFIX = "ce-";
    private final JsonFactory factory;

    public CloudEventReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** Binary mode: attributes are {@code Ce-*} headers, the body is the data, Content-Type is datacontenttype. */
    public CloudEvent binary(Iterable<Map.Entry<String, String>> headers, String contentType, byte[] body) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(HEADER_PREFIX) && name.length() > HEADER_PREFIX.length()) {
                attrs.put(name.substring(HEADER_PREFIX.length()), h.getValue());
            }
        }
        if (contentType != null) {
            attrs.put("datacontenttype", contentType);
        }
        return new CloudEvent(attrs, body);
    }

    /** Structured mode: one JSON object holding attributes and data. */
    public CloudEvent structured(byte[] body) throws Rejection {
        try (JsonParser p = factory.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw Rejection.badRequest("structured CloudEvent must be a JSON object");
            }
            CloudEvent event = readEvent(p, body, "");
            if (p.nextToken() != null) {
                throw Rejection.badRequest("unexpected content after the CloudEvent object at "
                        + JsonChecks.position(p.currentTokenLocation()));
            }
            return event;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw Rejection.badRequest("cannot read body: " + e.getMessage());
        }
    }

    /** Batched mode: a JSON array of structured events (may be empty). */
    public List<CloudEvent> batch(byte[] body) throws Rejection {
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw Rejection.badRequest("batched CloudEvents must be a JSON array");
            }
            List<CloudEvent> events = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw Rejection.badRequest("event " + events.size() + " of the batch is not a JSON object");
                }
                events.add(readEvent(p, body, "event " + events.size() + ": "));
            }
            if (p.nextToken() != null) {
                throw Rejection.badRequest("unexpected content after the batch array at "
                        + JsonChecks.position(p.currentTokenLocation()));
            }
            return events;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw Rejection.badRequest("cannot read body: " + e.getMessage());
        }
    }

    /** Reads one event object; the parser is on its START_OBJECT and is left on its END_OBJECT. */
    private CloudEvent readEvent(JsonParser p, byte[] body, String where) throws IOException, Rejection {
        Map<String, String> attrs = new LinkedHashMap<>();
        byte[] data = null;
        boolean dataIsString = false;
        String dataString = null;
        byte[] dataBase64 = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("data")) {
                if (value == JsonToken.VALUE_NULL) {
                    continue; // "data": null is an event without data
                }
                if (value == JsonToken.VALUE_STRING) {
                    dataIsString = true;
                    dataString = p.getText();
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                data = Arrays.copyOfRange(body, start, end);
            } else if (name.equals("data_base64")) {
                if (value != JsonToken.VALUE_STRING) {
                    throw Rejection.badRequest(where + "data_base64 must be a string");
                }
                try {
                    dataBase64 = Base64.getDecoder().decode(p.getText());
                } catch (IllegalArgumentException e) {
                    throw Rejection.badRequest(where + "data_base64 is not valid base64");
                }
            } else if (value.isScalarValue()) {
                if (value == JsonToken.VALUE_NULL) {
                    continue; // a null attribute is an absent attribute
                }
                attrs.put(name, p.getText());
            } else {
                throw Rejection.badRequest(where + "attribute " + name + " must be a string, number or boolean");
            }
        }
        if (data != null && dataBase64 != null) {
            throw Rejection.badRequest(where + "data and data_base64 are both present; use one");
        }
        if (dataBase64 != null) {
            return new CloudEvent(attrs, dataBase64);
        }
        if (data == null) {
            return new CloudEvent(attrs, new byte[0]);
        }
        // JSON data is kept as its JSON text; a string under a non-JSON content type is the text itself.
        String ct = mediaType(attrs.get("datacontenttype"));
        if (dataIsString && ct != null && !JsonChecks.isJsonMediaType(ct)) {
            return new CloudEvent(attrs, dataString.getBytes(StandardCharsets.UTF_8));
        }
        if (ct == null) {
            attrs.put("datacontenttype", "application/json"); // the structured JSON format's default
        }
        return new CloudEvent(attrs, data);
    }

    private static Rejection malformed(JsonProcessingException e) {
        return Rejection.badRequest("body is not well-formed JSON: " + e.getOriginalMessage() + " at "
                + JsonChecks.position(e.getLocation()));
    }

    /** "Application/JSON; charset=utf-8" → "application/json"; null stays null. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String mt = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
        return mt.isEmpty() ? null : mt;
    }
}
