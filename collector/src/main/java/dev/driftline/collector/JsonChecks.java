package dev.driftline.collector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Checks that a body is one well-formed JSON value, reporting where it is not. */
public final class JsonChecks {
    private final JsonFactory factory;

    public JsonChecks(JsonFactory factory) {
        this.factory = factory;
    }

    /** @param what how to name the checked bytes in the message, e.g. "body" or "event 3's data" */
    public void requireWellFormed(byte[] json, String what) throws Rejection {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() == null) {
                throw Rejection.badRequest(what + " is empty, but its content type says JSON");
            }
            p.skipChildren();
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw Rejection.badRequest(what + " is not well-formed JSON: unexpected content after the JSON value at "
                        + position(p.currentTokenLocation()));
            }
        } catch (JsonProcessingException e) {
            throw Rejection.badRequest(what + " is not well-formed JSON: " + e.getOriginalMessage() + " at "
                    + position(e.getLocation()));
        } catch (IOException e) {
            throw Rejection.badRequest(what + " cannot be read: " + e.getMessage());
        }
    }

    static String position(JsonLocation loc) {
        if (loc == null) {
            return "an unknown position";
        }
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + " (byte offset " + loc.getByteOffset() + ")";
    }

    /** True for application/json and any structured-syntax {@code +json} media type. */
    public static boolean isJsonMediaType(String mediaType) {
        return mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json")
                || mediaType.equals("text/json"));
    }
}
