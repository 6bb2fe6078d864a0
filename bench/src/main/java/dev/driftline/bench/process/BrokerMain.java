package dev.driftline.bench.process;

import java.nio.file.Path;

/**
 * The entry point of the broker child process that {@link BrokerProcess} starts: prepares a {@link BrokerLayout}
 * (formatting storage on first start) and runs Apache Kafka's own server in this JVM until SIGTERM. The same job as
 * cli's {@code driftline broker}, but without naming cli, which depends on this module and not the reverse.
 *
 * <p>Arguments: {@code DATA_DIR PORT CONTROLLER_PORT}.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: " + BrokerMain.class.getName() + " DATA_DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        BrokerLayout layout = new BrokerLayout(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        boolean fresh = !layout.formatted();
        layout.prepare();
        System.out.println("driftline broker: " + (fresh ? "formatted new" : "reusing") + " storage in "
                + layout.logDir() + "; starting Kafka on " + layout.bootstrapServers());
        // Blocks until shutdown; Kafka installs its own SIGTERM hook that stops the server cleanly.
        kafka.Kafka.main(new String[] {layout.propertiesFile().toString()});
    }
}
