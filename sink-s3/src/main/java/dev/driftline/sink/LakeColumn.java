package dev.driftline.sink;

import java.util.Objects;

/**
 * One column of a lake table's Parquet file schema.
 *
 * @param name        column name (snake_case, as in the topic's JSON where there is one)
 * @param type        logical type, which fixes the Parquet physical type and the Athena type
 * @param required    true for Parquet {@code required}, false for {@code optional} (nullable)
 * @param description one-line meaning, used in Javadoc, README and as the Athena column comment
 */
public record LakeColumn(String name, Type type, boolean required, String description) {

    /** The column types the lake uses. */
    public enum Type {
        /** BINARY annotated STRING (UTF-8). Athena {@code string}. */
        STRING,
        /** BINARY annotated JSON: a nested JSON value kept as text. Athena {@code string}. */
        JSON,
        /** BINARY without annotation: raw bytes. Athena {@code binary}. */
        BYTES,
        /** INT32. Athena {@code int}. */
        INT32,
        /** INT64. Athena {@code bigint}. */
        INT64,
        /** DOUBLE. Athena {@code double}. */
        DOUBLE,
        /** BOOLEAN. Athena {@code boolean}. */
        BOOLEAN,
        /** INT64 annotated TIMESTAMP(MILLIS, adjusted to UTC). Athena {@code timestamp}. */
        TIMESTAMP
    }

    public LakeColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("column name must be snake_case: " + name);
        }
    }

    static LakeColumn req(String name, Type type, String description) {
        return new LakeColumn(name, type, true, description);
    }

    static LakeColumn opt(String name, Type type, String description) {
        return new LakeColumn(name, type, false, description);
    }
}
