package dev.driftline.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.bench.process.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM stopped by SIGTERM (as Ctrl-C or {@code kill} stop a benchmark) removes what it registered; a closed one not. */
class OnExitTest {
    @TempDir
    Path tmp;

    @Test
    void aJvmStoppedBySigtermDeletesTheDirectory() throws Exception {
        Path dir = stateDir();
        Process child = child(dir, "wait");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
        }
        assertThat(dir).exists();
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(143); // 128 + SIGTERM: stopped, not finished
        assertThat(dir).doesNotExist();
    }

    @Test
    void aClosedRegistrationLeavesTheDirectoryToItsOwner() throws Exception {
        Path dir = stateDir();
        Process child = child(dir, "close");
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(dir.resolve("state/partition-0")).exists();
    }

    private Path stateDir() throws Exception {
        Path dir = tmp.resolve("driftline-bench-pipeline-test");
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/partition-0"), "offsets");
        return dir;
    }

    private static Process child(Path dir, String mode) throws Exception {
        return new ProcessBuilder(ChildJvm.command("64m", OnExitChild.class, List.of(dir.toString(), mode)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
