package dev.driftline.bench.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A benchmark's result on stdout: one JSON line (pipeline, sink, load: easy to collect and parse) or pretty-printed
 * (ingest, drift: read by people), each as that benchmark has always printed it.
 */
public final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOut() {
    }

    public static void printLine(JsonNode result) throws JsonProcessingException {
        System.out.println(MAPPER.writeValueAsString(result));
    }

    public static void printPretty(JsonNode result) throws JsonProcessingException {
        System.out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }
}
