package dev.driftline.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without any usable Python, the fixture fails (never skips) and says how to install moto. */
class MotoLauncherTest {

  @Test
  void missingMotoFailsWithInstallInstructions(@TempDir Path target) {
    String noPython = target.resolve("no-python").toString();
    assertThatThrownBy(() -> MotoLauncher.resolveCommand(target, noPython, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pip install 'moto[server]'")
        .hasMessageContaining("moto-install.log");
  }
}
