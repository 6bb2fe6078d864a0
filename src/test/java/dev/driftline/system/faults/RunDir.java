package dev.driftline.system.faults;

import dev.driftline.system.DriftlineProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code target/system-it/<test>/}: one fault test's process logs and broker data. Emptied when the test starts,
 * so what is left after a run is that run's logs, to read when it failed.
 */
final class RunDir {
    private RunDir() {
    }

    static Path fresh(String test) throws IOException {
        Path dir = DriftlineProcess.buildDir().resolve("system-it").resolve(test).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return Files.createDirectories(dir);
    }
}
