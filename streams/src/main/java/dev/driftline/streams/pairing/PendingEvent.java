package dev.driftline.streams.pairing;

/**
 * What the pairing store holds per event id: the request and/or response seen so far (body, content type, event
 * time), the model, the CloudEvent {@code endpoint} attribute (KServe's {@code Ce-Endpoint}: the endpoint/revision
 * label, "" when absent; the response's wins over the request's, an empty one never replaces a set one), when it
 * arrived, and whether the pair was already emitted (kept for the dedupe horizon so a retried duplicate is
 * recognised). Its binary form is {@link PendingEventCodec}'s.
 *
 * @param endpoint non-null; the model version of the pair's records when the response names none
 */
public record PendingEvent(String model, String endpoint, byte[] request, String requestContentType,
                           long requestTime, byte[] response, String responseContentType, long responseTime,
                           long firstSeenWallMs, boolean emitted) {
    public PendingEvent {
        endpoint = endpoint == null ? "" : endpoint;
    }

    public boolean hasRequest() {
        return request != null;
    }

    public boolean hasResponse() {
        return response != null;
    }

    /** Event time of the pair: the request's time, else the response's. */
    public long eventTime() {
        return request != null ? requestTime : responseTime;
    }
}
