package dev.driftline.bench.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * The on-disk layout and configuration of a single-node KRaft broker (combined broker + controller, loopback
 * only, replication factors 1): {@code DIR/server.properties} and the log directory {@code DIR/logs}.
 * Formatting happens once; a restart on the same directory keeps every topic and offset. Used by cli's
 * {@code driftline broker} and by {@link BrokerMain}, the benchmarks' broker child process.
 */
public final class BrokerLayout {
    private final Path dataDir;
    private final int port;
    private final int controllerPort;

    public BrokerLayout(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public Path propertiesFile() {
        return dataDir.resolve("server.properties");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean formatted() {
        return Files.exists(logDir().resolve("meta.properties"));
    }

    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("num.partitions", "6");
        // One node: every internal topic has one replica, or transactions (exactly-once) and groups cannot start.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Writes server.properties (every start, so flags win) and formats storage on first start. */
    public void prepare() throws IOException {
        Files.createDirectories(dataDir);
        try (Writer w = Files.newBufferedWriter(propertiesFile(), StandardCharsets.UTF_8)) {
            properties().store(w, "written by driftline broker; edits are overwritten on the next start");
        }
        if (formatted()) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "--standalone", "-t", Uuid.randomUuid().toString(),
                "-c", propertiesFile().toString(), "--ignore-formatted"}, ps);
        }
        if (rc != 0) {
            throw new IOException("formatting " + logDir() + " failed: " + out.toString(StandardCharsets.UTF_8).strip());
        }
    }
}
