package dev.driftline.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a local lake back with embedded DuckDB, independently of the sink's own code, for tests. */
public final class DuckDb {
    private DuckDb() {
    }

    /** The rows of a query, each as a list of JDBC objects. */
    public static List<List<Object>> query(String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** {@code read_parquet(…)} over every file of a table, with the Hive partition columns as text. */
    public static String table(Path lake, String table) {
        return "read_parquet('" + lake.resolve(table).toString().replace("'", "''")
                + "/*/*/*/*.parquet', hive_partitioning = true, "
                + "hive_types = {'model': VARCHAR, 'dt': VARCHAR, 'hour': VARCHAR})";
    }

    /** Rows of a table; 0 when it has no files yet. */
    public static long count(Path lake, String table) throws Exception {
        if (!Files.isDirectory(lake.resolve(table))) {
            return 0;
        }
        return ((Number) query("SELECT count(*) FROM " + table(lake, table)).get(0).get(0)).longValue();
    }
}
