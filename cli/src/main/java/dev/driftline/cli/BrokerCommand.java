package dev.driftline.cli;

import dev.driftline.bench.process.BrokerLayout;
import dev.driftline.config.UserInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code driftline broker}: Apache Kafka's own server ({@code kafka.Kafka}) in KRaft combined mode on loopback,
 * for local use, the demo and benchmarks. Formats storage on first start; stops cleanly on SIGTERM (Kafka's
 * shutdown hook) and keeps its data for the next start.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a real single-node Kafka broker (KRaft, loopback only) until SIGTERM.",
            "%nData persists in --data-dir; restarting on the same directory keeps topics and offsets. Keep "
                    + "--controller-port the same for a data directory: the controller's address is stored at format."})
public final class BrokerCommand implements Runnable {
    @Option(names = "--data-dir", defaultValue = "broker-data", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", defaultValue = "9093",
            description = "KRaft controller port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Override
    public void run() {
        if (port == controllerPort) {
            throw new UserInputException("--port and --controller-port must differ (both " + port + ")");
        }
        BrokerLayout layout = new BrokerLayout(dataDir, port, controllerPort);
        boolean fresh = !layout.formatted();
        try {
            layout.prepare();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        System.out.println("driftline broker: " + (fresh ? "formatted new" : "reusing") + " storage in "
                + layout.logDir() + "; starting Kafka on " + layout.bootstrapServers());
        Thread announcer = new Thread(() -> announceWhenReady(layout.bootstrapServers()), "broker-ready");
        announcer.setDaemon(true);
        announcer.start();
        // SIGTERM / SIGINT: exit 0 (a signal's default exit is 143, reported as a failure by Kubernetes and systemd).
        // Kafka.main then registers its LoggingSignalHandler, which logs the signal and chains to this handler;
        // System.exit runs Kafka's own shutdown hook, which stops the server cleanly.
        Shutdown.onSignal(() -> System.exit(0));
        // Blocks until shutdown.
        kafka.Kafka.main(new String[] {layout.propertiesFile().toString()});
    }

    private static boolean portOpen(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void announceWhenReady(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        // Wait for the port first, so the admin client does not log a warning per refused connection.
        while (!portOpen(bootstrap) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                try {
                    admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
                    System.out.println("driftline broker: ready on " + bootstrap + " (stop with Ctrl-C / SIGTERM)");
                    return;
                } catch (Exception e) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
