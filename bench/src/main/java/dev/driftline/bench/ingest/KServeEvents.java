package dev.driftline.bench.ingest;

import dev.driftline.collector.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Realistic KServe V2 (Open Inference Protocol) request and response payloads of a chosen size, with the headers
 * KServe's logger sends. Seeded, so two runs send the same bytes.
 */
public final class KServeEvents {
    public static final String REQUEST = "org.kubeflow.serving.inference.request";
    public static final String RESPONSE = "org.kubeflow.serving.inference.response";

    private final List<byte[]> requests = new ArrayList<>();
    private final List<byte[]> responses = new ArrayList<>();

    /** Builds {@code variants} request/response bodies of about {@code payloadBytes} bytes each. */
    public KServeEvents(int payloadBytes, int variants, long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < variants; i++) {
            requests.add(pad(request(rnd), payloadBytes));
            responses.add(pad(response(rnd), payloadBytes));
        }
    }

    public byte[] body(long n) {
        List<byte[]> from = (n & 1) == 0 ? requests : responses;
        return from.get((int) ((n >>> 1) % from.size()));
    }

    public static String type(long n) {
        return (n & 1) == 0 ? REQUEST : RESPONSE;
    }

    /** Request n and response n+1 share an id, as KServe's logger does. */
    public static String id(long n) {
        return "bench-" + (n >>> 1);
    }

    /**
     * An event as KServe's logger sends it (its CloudEvent attributes, in its order, then the body): what the
     * collector receives, and through {@code EventRecords} the Kafka record it writes.
     */
    public static CloudEvent cloudEvent(String id, String type, String source, String time, String service,
                                        byte[] body) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("specversion", "1.0");
        a.put("id", id);
        a.put("type", type);
        a.put("source", source);
        a.put("time", time);
        a.put("inferenceservicename", service);
        a.put("namespace", "default");
        a.put("component", "predictor");
        a.put("datacontenttype", "application/json");
        return new CloudEvent(a, body);
    }

    private static String request(Random rnd) {
        StringBuilder data = new StringBuilder();
        for (int f = 0; f < 8; f++) {
            data.append(f == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", rnd.nextGaussian() * 3 + 5));
        }
        return "{\"id\": \"" + Long.toHexString(rnd.nextLong()) + "\", \"parameters\": {}, \"inputs\": [{\"name\": "
                + "\"input-0\", \"shape\": [1, 8], \"datatype\": \"FP32\", \"data\": [" + data + "]}]";
    }

    private static String response(Random rnd) {
        return "{\"model_name\": \"bench\", \"model_version\": \"v1\", \"id\": \"" + Long.toHexString(rnd.nextLong())
                + "\", \"outputs\": [{\"name\": \"output-0\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": ["
                + String.format(Locale.ROOT, "%.4f", rnd.nextDouble()) + "]}]";
    }

    /** Closes the JSON object, adding a "parameters"-like padding member to reach the target size. */
    private static byte[] pad(String openObject, int target) {
        String closed = openObject + "}";
        int missing = target - closed.length() - ", \"pad\": \"\"".length();
        if (missing <= 0) {
            return closed.getBytes(StandardCharsets.UTF_8);
        }
        return (openObject + ", \"pad\": \"" + "x".repeat(missing) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
