package dev.driftline.sink.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analyst queries shipped with driftline: SQL that answers a real monitoring question and runs unchanged in
 * Athena and in DuckDB ({@link LocalLake}). They live once, in the resource {@value #RESOURCE}, so the CLI, the
 * tests and {@code sink-s3/QUERIES.md} (which explains their output) cannot drift apart; each starts with
 * {@code -- name: <id>} and {@code -- question: <text>} lines, and the SQL runs up to the next {@code -- name:}
 * (comments before the first one describe the file).
 */
public final class AnalystQueries {

    /** Class-path location of the queries. */
    public static final String RESOURCE = "/dev/driftline/sink/query/analyst-queries.sql";

    /** The model single-model queries name; {@link AnalystQuery#forModel} replaces it. */
    public static final String DEFAULT_MODEL = "wine";

    private static final String MODEL_FILTER = "model = '" + DEFAULT_MODEL + "'";
    /**
     * The filter of a scan that also reads rows filed under no model: labels that name none are in the
     * {@code _unknown} partition, and Athena's injected projection takes an {@code IN} list of literals.
     */
    private static final String MODEL_LIST_FILTER = "model IN ('" + DEFAULT_MODEL + "', ";
    private static final String NAME = "-- name:";
    private static final String QUESTION = "-- question:";

    /**
     * One analyst query.
     *
     * @param name     identifier, {@code [a-z0-9_]+}
     * @param question the question it answers, one line
     * @param sql      the statement, without a trailing semicolon
     */
    public record AnalystQuery(String name, String question, String sql) {
        public AnalystQuery {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(sql, "sql");
        }

        /** True when the query is about one model ({@code model = 'wine'}), false for cross-model queries. */
        public boolean singleModel() {
            return sql.contains(MODEL_FILTER);
        }

        /**
         * The query for another model: every {@code model = 'wine'} becomes {@code model = '<model>'} (quotes
         * doubled), and {@code model IN ('wine', …)} {@code model IN ('<model>', …)}. Give the escaped partition value
         * for models outside {@code [A-Za-z0-9._-]}.
         *
         * @throws IllegalArgumentException for a cross-model query, which has no model to replace
         */
        public AnalystQuery forModel(String model) {
            Objects.requireNonNull(model, "model");
            if (!singleModel()) {
                throw new IllegalArgumentException("analyst query " + name + " covers every model; it takes no model");
            }
            return new AnalystQuery(name, question, sql.replace(MODEL_FILTER, "model = " + LocalLake.literal(model))
                    .replace(MODEL_LIST_FILTER, "model IN (" + LocalLake.literal(model) + ", "));
        }
    }

    private AnalystQueries() {
    }

    /** Every query, in file order. */
    public static List<AnalystQuery> all() {
        try (InputStream in = AnalystQueries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The query with this name, if any; {@code -} is read as {@code _} ({@code episodes-per-week}). */
    public static Optional<AnalystQuery> find(String name) {
        String n = name.replace('-', '_');
        return all().stream().filter(q -> q.name().equals(n)).findFirst();
    }

    /**
     * The query with this name.
     *
     * @throws IllegalArgumentException naming the known queries, when there is none
     */
    public static AnalystQuery byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no analyst query '" + name
                + "'; known: " + all().stream().map(AnalystQuery::name).collect(Collectors.joining(", "))));
    }

    /** Parses the resource's format (see the class comment); checks names are unique and every part present. */
    static List<AnalystQuery> parse(String text) {
        List<AnalystQuery> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        String name = null;
        String question = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith(NAME)) {
                if (name != null) {
                    out.add(build(name, question, sql));
                }
                name = t.substring(NAME.length()).strip();
                if (!name.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("analyst query name must be [a-z0-9_]+: '" + name + "'");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("analyst query '" + name + "' appears twice");
                }
                question = null;
                sql.setLength(0);
            } else if (name != null && t.startsWith(QUESTION) && question == null && sql.toString().isBlank()) {
                question = t.substring(QUESTION.length()).strip();
            } else if (name != null) {
                sql.append(line.stripTrailing()).append('\n');
            }
        }
        if (name != null) {
            out.add(build(name, question, sql));
        }
        return List.copyOf(out);
    }

    private static AnalystQuery build(String name, String question, StringBuilder sqlText) {
        if (question == null || question.isEmpty()) {
            throw new IllegalArgumentException("analyst query '" + name + "' has no '-- question:' line");
        }
        String sql = sqlText.toString().strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).stripTrailing();
        }
        if (sql.isEmpty()) {
            throw new IllegalArgumentException("analyst query '" + name + "' has no SQL");
        }
        return new AnalystQuery(name, question, sql);
    }
}
