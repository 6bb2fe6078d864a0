package dev.driftline.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python with moto, starts {@code moto.server} as a child process and stops it. Kept
 * apart from {@link MotoServer} so the process plumbing (the part that can leave orphans or
 * hang) is in one small place.
 *
 * <p>Interpreter lookup, in order: {@code $DRIFTLINE_PYTHON} / {@code -Ddriftline.testkit.python}
 * / {@code python3} if it can import {@code moto.server}; else a {@code moto_server} executable
 * on PATH; else a venv under {@code target/moto-venv} with {@code moto[server]} installed by pip.
 * If all fail we throw — never skip — with the command to install moto.
 */
final class MotoLauncher {

  static final String INSTALL_HINT =
      "moto_server is required by this integration test but was not found. Install it with:\n"
          + "    pip install 'moto[server]'\n"
          + "(so that `python3 -c \"import moto.server\"` works), or put a `moto_server`"
          + " executable on PATH, or point DRIFTLINE_PYTHON / -Ddriftline.testkit.python at a"
          + " Python that has moto.";

  /**
   * Runs moto's own main() after starting a thread that exits the process when stdin reaches
   * EOF. We keep stdin's pipe open and never write to it; if the JVM dies, even by kill -9, the
   * OS closes our end and moto exits instead of lingering as an orphan. Before serving, it runs
   * the file named by {@code DRIFTLINE_MOTO_EXTENSIONS} ({@link #EXTENSIONS}: what moto lacks
   * and driftline's tests need, see the testkit README).
   */
  private static final String WATCHDOG_MAIN =
      "import os, sys, threading\n"
          + "def _watch():\n"
          + "    sys.stdin.buffer.read()\n"
          + "    os._exit(0)\n"
          + "threading.Thread(target=_watch, daemon=True).start()\n"
          + "import moto.server\n"
          + "_ext = os.environ.get('DRIFTLINE_MOTO_EXTENSIONS')\n"
          + "if _ext:\n"
          + "    exec(compile(open(_ext).read(), _ext, 'exec'), {'__name__': 'driftline_moto_extensions'})\n"
          + "moto.server.main(sys.argv[1:])\n";

  /** The extension module, a resource of this jar, copied to {@code target/} for Python to run. */
  static final String EXTENSIONS = "moto_extensions.py";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PIP_TIMEOUT = Duration.ofMinutes(10);

  private MotoLauncher() {}

  /** {@code target/} of the module under test: failsafe sets {@code basedir}. */
  static Path targetDir() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create " + dir, e);
    }
  }

  /** The interpreter named by the user, or {@code python3}. */
  static String configuredPython() {
    String env = System.getenv("DRIFTLINE_PYTHON");
    return System.getProperty("driftline.testkit.python", env != null ? env : "python3");
  }

  /**
   * The command that runs moto_server, without host/port arguments. Setup output goes to {@code
   * target/moto-install.log}.
   */
  static List<String> resolveCommand(Path target, String python, boolean allowPathExecutable) {
    Path installLog = target.resolve("moto-install.log");
    String exe = probe(python, target, installLog);
    if (exe != null) {
      return List.of(exe, "-c", WATCHDOG_MAIN);
    }
    if (allowPathExecutable) {
      Path onPath = findOnPath("moto_server");
      if (onPath != null) {
        return List.of(onPath.toString()); // no watchdog here; the shutdown hook covers exits
      }
    }
    // Last resort: a private venv. Works where PyPI (or a configured mirror) is reachable.
    Path venv = target.resolve("moto-venv");
    Path venvPython = venv.resolve("bin").resolve("python");
    if (!Files.isExecutable(venvPython)) {
      run(List.of(python, "-m", "venv", venv.toString()), installLog, Duration.ofMinutes(2));
    }
    exe = probe(venvPython.toString(), target, installLog);
    if (exe == null && Files.isExecutable(venvPython)) {
      Path pip = venv.resolve("bin").resolve("pip");
      run(
          List.of(pip.toString(), "install", "--disable-pip-version-check", "moto[server]"),
          installLog,
          PIP_TIMEOUT);
      exe = probe(venvPython.toString(), target, installLog);
    }
    if (exe != null) {
      return List.of(exe, "-c", WATCHDOG_MAIN);
    }
    throw new IllegalStateException(
        INSTALL_HINT
            + "\nAn automatic install into "
            + venv
            + " failed too; its output is in "
            + installLog);
  }

  /** Starts moto on a free port; retries on a new port if the process dies early (port race). */
  static Started start(List<String> command, Path log) {
    String lastFailure = "";
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = freePort();
      List<String> cmd = new ArrayList<>(command);
      cmd.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.redirectErrorStream(true);
      // A file, not a pipe: nobody has to drain it, and it survives for post-mortems.
      pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      pb.environment().put("PYTHONUNBUFFERED", "1"); // the log tail we report is current
      pb.environment().put("DRIFTLINE_MOTO_EXTENSIONS", extensions(log.getParent()).toString());
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new IllegalStateException("Could not run " + cmd.get(0) + "\n" + INSTALL_HINT, e);
      }
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      String failure = awaitReady(process, endpoint);
      if (failure == null) {
        return new Started(process, endpoint);
      }
      stop(process);
      lastFailure = failure;
      if (!failure.startsWith("exited")) {
        break; // a hang is not a port race: do not wait another 30 s
      }
    }
    throw new IllegalStateException(
        "moto_server did not become ready: " + lastFailure + "\n--- " + log + " (tail) ---\n"
            + tail(log, 40));
  }

  /** Copies {@link #EXTENSIONS} out of the jar next to the log (a plain file Python can open). */
  static Path extensions(Path dir) {
    Path file = dir.resolve("driftline-" + EXTENSIONS);
    try (var in = MotoLauncher.class.getResourceAsStream(EXTENSIONS)) {
      if (in == null) {
        throw new IllegalStateException(EXTENSIONS + " is missing from the testkit jar");
      }
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write " + file, e);
    }
  }

  /** SIGTERM, a grace period, then SIGKILL; children too, in case a wrapper script forked. */
  static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      process.getOutputStream().close(); // the watchdog pipe; the process is gone anyway
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Polls {@code GET /moto-api/}; returns null when it answers 200, else why it did not. */
  private static String awaitReady(Process process, URI endpoint) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();
    HttpRequest ping =
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "exited with code " + process.exitValue() + " before answering on " + endpoint;
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return null;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting";
      }
      sleep(100);
    }
    return "no HTTP 200 from " + endpoint.resolve("/moto-api/") + " within " + READY_TIMEOUT;
  }

  /** Path of the interpreter if it can import moto.server, else null. */
  private static String probe(String python, Path target, Path installLog) {
    Path out = target.resolve("moto-python.txt");
    try {
      Files.deleteIfExists(out);
      String code = "import sys, moto.server; open(sys.argv[1], 'w').write(sys.executable)";
      int rc = run(List.of(python, "-c", code, out.toString()), installLog, Duration.ofMinutes(1));
      if (rc == 0 && Files.exists(out)) {
        String exe = Files.readString(out).trim();
        return exe.isEmpty() ? python : exe; // sys.executable skips pyenv-style shims
      }
    } catch (IOException e) {
      // treat as "no moto here"
    }
    return null;
  }

  /** Runs a setup command with output appended to {@code log}; -1 if it cannot run or hangs. */
  private static int run(List<String> cmd, Path log, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Files.writeString(
          log,
          "$ " + String.join(" ", cmd).replace("\n", "; ") + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(p);
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1; // e.g. no such interpreter
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Path findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free local port", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A running moto process and where it listens. */
  record Started(Process process, URI endpoint) {}
}
