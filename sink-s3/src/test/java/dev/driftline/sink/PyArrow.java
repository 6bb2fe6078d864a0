package dev.driftline.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An independent reader of the lake: pyarrow, installed offline from the machine's wheel folders into
 * {@code target/pyarrow} (pip {@code --no-index}). Machines without a pyarrow wheel have no such check; the DuckDB
 * read-back stays the main one. Wheel folders: {@code DRIFTLINE_WHEEL_DIRS} (colon-separated), else
 * {@code /opt/pypi/files}.
 */
public final class PyArrow {
    private static final String SCRIPT = String.join("\n",
            "import json, sys, pyarrow.dataset as ds",
            "out = {}",
            "for table in sys.argv[2:]:",
            "    d = ds.dataset(sys.argv[1] + '/' + table, format='parquet', partitioning='hive',",
            "                   exclude_invalid_files=False, ignore_prefixes=['.'])",
            "    t = d.to_table()",
            "    out[table] = {'rows': t.num_rows, 'columns': [[f.name, str(f.type)] for f in d.schema]}",
            "print(json.dumps(out))");

    private PyArrow() {
    }

    /** The folder pyarrow is installed in, installing it first if needed; empty when no wheel is found. */
    public static synchronized Optional<Path> install() throws IOException, InterruptedException {
        Path target = Path.of("target", "pyarrow").toAbsolutePath();
        if (Files.isDirectory(target.resolve("pyarrow"))) {
            return Optional.of(target);
        }
        List<String> cmd = new ArrayList<>(List.of("python3", "-m", "pip", "install", "--no-index", "--quiet",
                "--disable-pip-version-check", "--target", target.toString()));
        boolean found = false;
        String dirs = System.getenv().getOrDefault("DRIFTLINE_WHEEL_DIRS", "/opt/pypi/files");
        for (String dir : dirs.split(":")) {
            try (Stream<Path> s = Files.isDirectory(Path.of(dir)) ? Files.list(Path.of(dir)) : Stream.empty()) {
                if (s.anyMatch(p -> p.getFileName().toString().startsWith("pyarrow-"))) {
                    found = true;
                }
            }
            cmd.add("--find-links");
            cmd.add(dir);
        }
        if (!found) {
            return Optional.empty();
        }
        cmd.add("pyarrow");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("pip install pyarrow failed: " + log);
        }
        return Optional.of(target);
    }

    /** Per table: {@code rows} and {@code columns} ([name, arrow type]) as pyarrow reads them. */
    public static JsonNode read(Path installed, Path lake, List<String> tables) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", SCRIPT, lake.toString()));
        cmd.addAll(tables);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PYTHONPATH", installed.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("pyarrow could not read the lake: " + err);
        }
        return new ObjectMapper().readTree(out);
    }
}
