package dev.driftline.remediation.data;

/**
 * Training data could not be prepared (no data at the prefix, too few labelled rows, an export that failed): the
 * message says what to fix, and the episode fails at PREPARING_DATA with it.
 */
public class TrainingDataException extends RuntimeException {
    public TrainingDataException(String message) {
        super(message);
    }

    public TrainingDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
