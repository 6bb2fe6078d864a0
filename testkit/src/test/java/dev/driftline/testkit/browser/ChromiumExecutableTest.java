package dev.driftline.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Chromium the fixture fails (never skips) and says how to install it. */
class ChromiumExecutableTest {

  @Test
  void missingChromiumFailsWithInstallCommand(@TempDir Path empty) {
    assertThatThrownBy(() -> ChromiumExecutable.find(null, empty.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install -y chromium")
        .hasMessageContaining("-Ddriftline.testkit.chromium");
  }

  @Test
  void configuredPathThatIsNotExecutableFails(@TempDir Path dir) {
    assertThatThrownBy(() -> ChromiumExecutable.find(dir.resolve("nope").toString(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install -y chromium");
  }

  @Test
  void findsChromiumOnPath(@TempDir Path dir) throws Exception {
    Path fake = Files.createFile(dir.resolve("chromium"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    assertThat(ChromiumExecutable.find(null, "/nonexistent:" + dir)).isEqualTo(fake);
    assertThat(ChromiumExecutable.find(fake.toString(), "")).isEqualTo(fake);
  }
}
