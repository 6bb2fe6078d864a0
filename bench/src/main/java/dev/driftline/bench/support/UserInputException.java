package dev.driftline.bench.support;

/**
 * Bad input the user can fix (a file, a flag value); reported without a stack trace, exit code 2 (cli's
 * {@code ErrorHandler}). It lives in bench, the lowest module with picocli commands, so that the bench commands
 * and cli's own commands throw the same exception without bench depending on cli.
 */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
