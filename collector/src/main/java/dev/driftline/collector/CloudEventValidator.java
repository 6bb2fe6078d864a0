package dev.driftline.collector;

import java.util.Map;
import java.util.Set;

/** Checks the CloudEvents 1.0 context attributes and the accepted event types. */
public final class CloudEventValidator {
    private final Set<String> acceptedTypes;

    public CloudEventValidator(Set<String> acceptedTypes) {
        this.acceptedTypes = Set.copyOf(acceptedTypes);
    }

    /**
     * @param where prefix for messages, e.g. "" or "event 2: "
     * @param binary whether attributes came from headers (then messages name the header)
     */
    public void validate(CloudEvent e, String where, boolean binary) throws Rejection {
        Map<String, String> a = e.attributes();
        for (String name : a.keySet()) {
            if (!isAttributeName(name)) {
                throw Rejection.badRequest(where + "invalid attribute name '" + name
                        + "': CloudEvents attribute names are lower-case letters and digits");
            }
        }
        String version = require(a, "specversion", where, binary);
        if (!version.equals("1.0")) {
            throw Rejection.badRequest(where + "attribute specversion must be 1.0, got '" + version + "'");
        }
        require(a, "id", where, binary);
        require(a, "source", where, binary);
        String type = require(a, "type", where, binary);
        if (!acceptedTypes.contains(type)) {
            throw Rejection.badRequest(where + "attribute type '" + type + "' is not accepted; accepted types: "
                    + String.join(", ", acceptedTypes.stream().sorted().toList())
                    + " (add more with collector.extra-event-types)");
        }
        String time = a.get("time");
        if (time != null) {
            if (!Rfc3339.isValid(time)) {
                throw Rejection.badRequest(where + "attribute time is not an RFC 3339 timestamp: '" + time + "'");
            }
        }
    }

    /** Lower-case letters and digits, 1 to 64 characters (a loop: this runs for every attribute of every event). */
    static boolean isAttributeName(String name) {
        int n = name.length();
        if (n == 0 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static String require(Map<String, String> a, String name, String where, boolean binary) throws Rejection {
        String v = a.get(name);
        if (v == null || v.isBlank()) {
            String header = binary ? " (header Ce-" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + ")" : "";
            throw Rejection.badRequest(where + "missing required attribute " + name + header);
        }
        return v;
    }
}
