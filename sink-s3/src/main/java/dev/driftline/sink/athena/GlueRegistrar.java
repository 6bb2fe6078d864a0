package dev.driftline.sink.athena;

import dev.driftline.sink.LakeTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Creates the lake's database and tables in the Glue Data Catalog ({@code driftline athena register}).
 *
 * <p>Idempotent, so it can run on every deploy: an existing database is kept as it is, an existing table is
 * replaced with UpdateTable (new columns or a new model list take effect). It creates first and updates on
 * {@code AlreadyExistsException} rather than looking first, so two registrations running at once cannot both
 * decide to create.
 */
public final class GlueRegistrar {

    /** What happened to one catalog object. */
    public enum Outcome {
        CREATED, UPDATED, KEPT
    }

    /**
     * The outcome of a registration.
     *
     * @param database what happened to the database ({@link Outcome#CREATED} or {@link Outcome#KEPT})
     * @param tables   what happened to each table ({@link Outcome#CREATED} or {@link Outcome#UPDATED}), in
     *                 {@link LakeTable} order
     */
    public record Registration(Outcome database, Map<LakeTable, Outcome> tables) {
    }

    private final GlueClient glue;

    public GlueRegistrar(GlueClient glue) {
        this.glue = Objects.requireNonNull(glue, "glue");
    }

    /**
     * Registers every lake table in {@code database} for the lake at {@code lakeUri}.
     *
     * @param models as in {@link dev.driftline.sink.AthenaDdl#projectionProperties}: empty for an injected model
     */
    public Registration register(String database, String lakeUri, List<String> models) {
        Outcome db;
        try {
            glue.createDatabase(b -> b.databaseInput(GlueTables.databaseInput(database, lakeUri)));
            db = Outcome.CREATED;
        } catch (AlreadyExistsException e) {
            db = Outcome.KEPT;
        }
        Map<LakeTable, Outcome> tables = new LinkedHashMap<>();
        for (LakeTable t : LakeTable.values()) {
            TableInput input = GlueTables.tableInput(t, lakeUri, models);
            try {
                glue.createTable(b -> b.databaseName(database).tableInput(input));
                tables.put(t, Outcome.CREATED);
            } catch (AlreadyExistsException e) {
                glue.updateTable(b -> b.databaseName(database).tableInput(input));
                tables.put(t, Outcome.UPDATED);
            }
        }
        return new Registration(db, tables);
    }
}
