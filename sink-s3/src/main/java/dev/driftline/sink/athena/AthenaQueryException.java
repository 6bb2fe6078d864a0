package dev.driftline.sink.athena;

/**
 * An Athena query that did not succeed: it FAILED or was CANCELLED (the message carries Athena's state-change
 * reason), or it ran past the timeout and was stopped. Not a user-input problem: the CLI exits 1 with the message.
 */
public final class AthenaQueryException extends RuntimeException {

    private final String queryId;
    private final String state;

    public AthenaQueryException(String queryId, String state, String message) {
        super(message);
        this.queryId = queryId;
        this.state = state;
    }

    /** The QueryExecutionId, for looking the query up in the console. */
    public String queryId() {
        return queryId;
    }

    /** The last state seen: FAILED, CANCELLED, or the state at the timeout (before it was stopped). */
    public String state() {
        return state;
    }
}
