package dev.driftline.drift.capture;

import java.time.Instant;

/**
 * One SageMaker Data Capture line as a KServe-shaped request/response pair: bodies are KServe V1 JSON
 * ({@code {"instances": …}} / {@code {"predictions": …}}) or the captured JSON as is, so the streaming path
 * normalises imported traffic exactly like live traffic.
 *
 * @param id       the inference id when the caller set one, else SageMaker's event id (the pairing key)
 * @param request  request body (JSON), or null when the line captured only the output
 * @param response response body (JSON), or null when it captured only the input
 */
public record CapturedInference(String id, String eventId, Instant time, byte[] request, byte[] response) {
}
