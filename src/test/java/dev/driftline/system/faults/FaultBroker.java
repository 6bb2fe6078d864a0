package dev.driftline.system.faults;

import dev.driftline.bench.process.BrokerMain;
import dev.driftline.bench.process.ChildJvm;
import dev.driftline.bench.support.KafkaClients;
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
 * A real broker ({@code kafka.Kafka} through bench's {@link BrokerMain}) as a child process on a kept data
 * directory and fixed ports, which a fault test can SIGKILL or stop and start again on the same data. Bench's
 * {@code BrokerProcess} only stops with SIGTERM and hides its process, so the fault tests launch their own.
 * Its output goes to {@code <logDir>/broker.log} (appended across restarts).
 */
final class FaultBroker implements AutoCloseable {
    private final Process process;
    private final int port;

    private FaultBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker and returns once it answers {@code describeCluster}; fails after {@code limit}. */
    static FaultBroker start(Path dataDir, Path logDir, int port, int controllerPort, Duration limit)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logDir);
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command("512m", BrokerMain.class,
                List.of(dataDir.toString(), Integer.toString(port), Integer.toString(controllerPort))))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("broker.log").toFile()));
        FaultBroker broker = new FaultBroker(pb.start(), port);
        try {
            broker.awaitReady(limit, logDir);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the broker gets no chance to flush or close its logs cleanly; returns once it is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker " + process.pid() + " outlived SIGKILL for 30 s");
        }
    }

    private void awaitReady(Duration limit, Path logDir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("broker exited early (" + process.exitValue() + "); see "
                        + logDir.resolve("broker.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("broker port " + port + " not open within " + limit);
                }
                Thread.sleep(100);
            }
        }
        try (Admin admin = KafkaClients.admin(bootstrapServers())) {
            admin.describeCluster().nodes().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IOException("broker not ready within " + limit + ": " + e.getMessage(), e);
        }
    }

    /** SIGTERM (Kafka's clean shutdown), SIGKILL after 30 s; the data directory stays for a restart. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
