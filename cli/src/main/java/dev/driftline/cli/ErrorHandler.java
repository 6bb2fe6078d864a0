package dev.driftline.cli;

import dev.driftline.config.UserInputException;
import dev.driftline.config.ConfigException;
import picocli.CommandLine;

/**
 * Turns exceptions into one readable line and an exit code: 2 for bad configuration or input (the user can fix
 * it), 1 for anything else. Stack traces only with DRIFTLINE_DEBUG=1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String name = cl.getCommandSpec().qualifiedName();
        if ("1".equals(System.getenv("DRIFTLINE_DEBUG"))) {
            ex.printStackTrace();
        }
        if (ex instanceof ConfigException || ex instanceof UserInputException
                || ex instanceof dev.driftline.drift.io.InputFormatException) {
            cl.getErr().println(name + ": " + ex.getMessage());
            return EXIT_USAGE;
        }
        cl.getErr().println(name + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        return EXIT_FAILURE;
    }
}
