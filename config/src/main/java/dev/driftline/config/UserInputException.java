package dev.driftline.config;

/**
 * Bad input the user can fix (a file, a flag value): reported without a stack trace, exit code 2 (the CLI's
 * {@code ErrorHandler}). Next to {@link ConfigException} because both are the user's to fix; every command module
 * (cli, bench) throws this one.
 */
public final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
