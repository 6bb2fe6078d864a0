package dev.driftline.sink.query;

/**
 * A query the engine refused or could not finish; the message is the engine's own (for DuckDB e.g.
 * {@code Catalog Error: Table with name x does not exist!} with its {@code LINE 1:} pointer), because that is what
 * the user needs to fix the SQL.
 */
public final class LakeQueryException extends RuntimeException {

    public LakeQueryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The error class DuckDB puts in front of its message ({@code Parser}, {@code Binder}, {@code Catalog},
     * {@code IO}, …), or the empty string when there is none; lets callers tell a mistyped query from a broken file.
     */
    public String kind() {
        String m = getMessage() == null ? "" : getMessage();
        int end = m.indexOf(" Error:");
        return end > 0 && end < 40 && m.substring(0, end).matches("[A-Za-z ]+") ? m.substring(0, end) : "";
    }

    /** True for errors in the SQL itself (syntax, unknown table or column, types), not in reading the lake. */
    public boolean isUserError() {
        return switch (kind()) {
            case "Parser", "Binder", "Catalog", "Conversion", "Not implemented", "Syntax" -> true;
            default -> false;
        };
    }
}
