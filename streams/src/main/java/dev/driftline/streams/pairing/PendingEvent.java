package dev.driftline.streams.pairing;

/**
 * What the pairing store holds per event id: the request and/or response seen so far (body, content type, event
 * time), the model, when it arrived, and whether the pair was already emitted (kept for the dedupe horizon so a
 * retried duplicate is recognised). Its binary form is {@link PendingEventCodec}'s.
 */
public record PendingEvent(String model, byte[] request, String requestContentType, long requestTime,
                           byte[] response, String responseContentType, long responseTime, long firstSeenWallMs,
                           boolean emitted) {
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
