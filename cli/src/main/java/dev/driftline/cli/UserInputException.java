package dev.driftline.cli;

/** Bad input the user can fix (a file, a flag value); reported without a stack trace, exit code 2. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
