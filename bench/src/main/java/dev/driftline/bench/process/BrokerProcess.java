package dev.driftline.bench.process;

import dev.driftline.bench.support.Dirs;
import dev.driftline.bench.support.KafkaClients;
import dev.driftline.bench.support.OnExit;
import dev.driftline.bench.support.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * A broker ({@link BrokerMain}) as a child process on free ports with a throw-away data directory, for benchmarks
 * that are not given a broker, or on a kept directory and fixed ports (the demo, restart tests). Stopped with
 * SIGTERM (then killed) and, when it made it, its directory removed on close.
 */
public final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final Path dataDir;
    private final String bootstrap;
    private final boolean ownsDir;
    /** Stops the broker and removes what it owns if this JVM is stopped (Ctrl-C, SIGTERM) before {@link #close}. */
    private final OnExit interrupted;

    private BrokerProcess(Process process, Path dataDir, String bootstrap, boolean ownsDir) {
        this.process = process;
        this.dataDir = dataDir;
        this.bootstrap = bootstrap;
        this.ownsDir = ownsDir;
        this.interrupted = OnExit.run("broker", this::stop);
    }

    /** A broker on free ports in a temporary directory that is deleted on close. */
    public static BrokerProcess start(Duration timeout) throws IOException, InterruptedException {
        return start(Files.createTempDirectory("driftline-bench-broker"), Ports.freeLoopbackPort(),
                Ports.freeLoopbackPort(), timeout, true);
    }

    /** A broker on the given directory and ports, kept on close: start it again to restart on the same data. */
    public static BrokerProcess start(Path dir, int port, int controllerPort, Duration timeout)
            throws IOException, InterruptedException {
        return start(dir, port, controllerPort, timeout, false);
    }

    private static BrokerProcess start(Path dir, int port, int controllerPort, Duration timeout, boolean ownsDir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command("768m", BrokerMain.class,
                List.of(dir.toString(), Integer.toString(port), Integer.toString(controllerPort))));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
        BrokerProcess b = new BrokerProcess(pb.start(), dir, "127.0.0.1:" + port, ownsDir);
        try {
            b.awaitReady(timeout);
        } catch (IOException | RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("broker exited early; see " + dataDir.resolve("broker.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        try (Admin admin = KafkaClients.admin(bootstrap)) {
            admin.describeCluster().nodes().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IOException("broker not ready within " + timeout + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        interrupted.close();
        stop();
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (ownsDir) {
            Dirs.deleteQuietly(dataDir);
        }
    }
}
