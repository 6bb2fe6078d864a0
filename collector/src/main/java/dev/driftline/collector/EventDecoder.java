package dev.driftline.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.collector.privacy.PayloadRedactor;
import dev.driftline.collector.privacy.RedactionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one HTTP request (headers + body) into validated, redacted CloudEvents, or a {@link Rejection} that says
 * what is wrong. No I/O here, so every rule is unit-tested without a server.
 */
public final class EventDecoder {
    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    /** KServe's logger always sets a content type; a bare POST without one is read as JSON, its usual payload. */
    static final String DEFAULT_BINARY_TYPE = "application/json";
    private static final Set<String> ENCODINGS = Set.of("gzip", "x-gzip", "deflate", "identity");

    private final CollectorSettings settings;
    private final CloudEventReader reader;
    private final CloudEventValidator validator;
    private final JsonChecks json;
    private final PayloadRedactor redactor;

    public EventDecoder(CollectorSettings settings, ObjectMapper mapper) {
        this.settings = settings;
        this.reader = new CloudEventReader(mapper.getFactory());
        this.validator = new CloudEventValidator(settings.acceptedTypes());
        this.json = new JsonChecks(mapper.getFactory());
        this.redactor = new PayloadRedactor(mapper);
    }

    /** Checks that need only the headers, done before any body byte is read (and before 100-continue). */
    public void checkHeaders(String contentType, String contentEncoding, String contentLength) throws Rejection {
        String mt = CloudEventReader.mediaType(contentType);
        if (mt != null && !mt.equals(STRUCTURED) && !mt.equals(BATCH)) {
            if (mt.startsWith("application/cloudevents")) {
                throw new Rejection(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE, "unsupported CloudEvents format " + mt
                        + "; use " + STRUCTURED + ", " + BATCH + " or binary mode");
            }
            if (!JsonChecks.isJsonMediaType(mt) && !settings.contentTypes().contains(mt)) {
                throw new Rejection(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE, "unsupported media type " + mt
                        + "; accepted: " + String.join(", ", settings.contentTypes().stream().sorted().toList())
                        + ", any +json type, " + STRUCTURED + ", " + BATCH);
            }
        }
        if (contentEncoding != null) {
            for (String enc : contentEncoding.split(",")) {
                if (!ENCODINGS.contains(enc.strip().toLowerCase(Locale.ROOT))) {
                    throw new Rejection(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Encoding "
                            + enc.strip() + "; accepted: gzip, deflate, identity");
                }
            }
        }
        if (contentLength != null) {
            long len;
            try {
                len = Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                throw Rejection.badRequest("invalid Content-Length header");
            }
            if (len < 0) {
                throw Rejection.badRequest("invalid Content-Length header");
            }
            if (len > settings.maxBodyBytes()) {
                throw tooLarge(len + " bytes", settings.maxBodyBytes(), "collector.max-body-size");
            }
        }
    }

    static Rejection tooLarge(String actual, long limit, String key) {
        return new Rejection(Rejection.Reason.TOO_LARGE, "body of " + actual + " exceeds the limit of " + limit
                + " bytes (" + key + ")");
    }

    /** Decodes, validates and redacts the events of one request. */
    public List<CloudEvent> decode(Iterable<Map.Entry<String, String>> headers, String contentType, byte[] body)
            throws Rejection {
        String mt = CloudEventReader.mediaType(contentType);
        List<CloudEvent> events;
        boolean binary = false;
        if (STRUCTURED.equals(mt)) {
            events = List.of(reader.structured(body));
        } else if (BATCH.equals(mt)) {
            events = reader.batch(body);
        } else {
            binary = true;
            events = List.of(reader.binary(headers, contentType == null ? DEFAULT_BINARY_TYPE : contentType, body));
        }
        List<CloudEvent> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            String where = events.size() > 1 || BATCH.equals(mt) ? "event " + i + ": " : "";
            CloudEvent e = events.get(i);
            validator.validate(e, where, binary);
            boolean isJson = JsonChecks.isJsonMediaType(CloudEventReader.mediaType(e.dataContentType()));
            if (isJson) {
                json.requireWellFormed(e.data(), where.isEmpty() ? "body" : where + "data");
            }
            out.add(redact(e, isJson, where));
        }
        return out;
    }

    private CloudEvent redact(CloudEvent e, boolean isJson, String where) throws Rejection {
        RedactionRule rule = e.model() == null ? null : settings.redaction().get(e.model());
        if (rule == null || rule.isEmpty()) {
            return e;
        }
        if (!isJson) {
            throw new Rejection(Rejection.Reason.UNSUPPORTED_MEDIA_TYPE, where + "model " + e.model()
                    + " has redaction rules, which need a JSON payload; refusing to store a " + e.dataContentType()
                    + " body unredacted");
        }
        try {
            return e.withData(redactor.redact(e.data(), rule, settings.hasher().orElse(null)));
        } catch (PayloadRedactor.NotRedactableException ex) {
            throw Rejection.badRequest(where + ex.getMessage());
        }
    }
}
