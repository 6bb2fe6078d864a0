package dev.driftline.system.e2e;

import dev.driftline.sink.query.LocalLake;
import dev.driftline.testkit.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/** Reading the lakes back: a local lake's row counts with DuckDB, and the S3 lake copied out of moto to read so. */
final class Lakes {
    private Lakes() {
    }

    /** Rows per table of a local lake directory (DuckDB), empty when the lake has no directory yet. */
    static Map<String, Long> counts(Path lake, Set<String> tables) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (!Files.isDirectory(lake)) {
            return out;
        }
        try (LocalLake l = LocalLake.open(lake)) {
            for (String t : tables) {
                out.put(t, Long.parseLong(String.valueOf(l.query("SELECT count(*) AS n FROM " + t).rows().get(0)
                        .get(0))));
            }
        } catch (Exception e) {
            out.put("error: " + e, -1L);
        }
        return out;
    }

    /** The S3 lake's Parquet objects copied to {@code dir} under their keys (DuckDB then reads them as a lake). */
    static Path download(MotoServer moto, Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            S3Client s3 = moto.s3();
            for (var o : s3.listObjectsV2Paginator(b -> b.bucket("lake").prefix("e2e/")).contents()) {
                Path target = dir.resolve(o.key().substring("e2e/".length()));
                Files.createDirectories(target.getParent());
                s3.getObject(b -> b.bucket("lake").key(o.key()), target);
            }
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
