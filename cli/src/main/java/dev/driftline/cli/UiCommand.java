package dev.driftline.cli;

import dev.driftline.cli.ui.LiveUi;
import dev.driftline.config.UserInputException;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code driftline ui}: the live page ({@link LiveUi}) next to the services, until SIGTERM or Ctrl-C. Browser-test
 * hooks: see {@link ReportCommand}.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Serve a live web page of drift, data quality, model quality, alerts and remediation.",
            "%nThe page has the views of driftline report (a heatmap of features × windows with the drift "
                    + "decisions, a clicked cell's distribution and figures, violations, model quality per version, "
                    + "the alerts timeline, remediation episodes) and updates every two seconds as windows close. "
                    + "Its data comes straight from the topics (drift, profiles, model quality, alerts, remediation "
                    + "events and baselines), read from the beginning with read_committed by a consumer without a "
                    + "group, keeping the latest --windows windows per model in memory.",
            "%nEndpoints: / (the page), /api/data?model=M (its data as JSON, the document the report inlines), "
                    + "/healthz (200 once the topics have been read to their end, else 503). It runs until Ctrl-C "
                    + "or SIGTERM."},
        footer = {"%nExamples:",
            "  driftline ui --bootstrap-servers 127.0.0.1:9092",
            "  driftline ui --bootstrap-servers kafka:9092 --host 0.0.0.0 --port 8088"})
public final class UiCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a "
            + "free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: "
            + "${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--windows", defaultValue = "" + LiveUi.DEFAULT_WINDOWS, paramLabel = "N",
            description = "Windows kept per model (default: ${DEFAULT-VALUE}).")
    int windows;

    @Override
    public Integer call() throws InterruptedException {
        if (windows < 1) {
            throw new UserInputException("--windows " + windows + ": at least 1");
        }
        LiveUi ui;
        try {
            ui = LiveUi.start(kafka.bootstrapServers, kafka.topics(), host, port, windows, new Properties());
        } catch (UncheckedIOException e) {
            throw new UserInputException(e.getMessage() + " (is another process using the port? try --port)");
        }
        System.out.println("driftline ui: " + ui.url() + " (reading " + String.join(", ", ui.data().topicNames())
                + " from " + kafka.bootstrapServers + "; Ctrl-C stops)");
        Shutdown.onSignal(ui::close);
        Thread watch = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                return;
            }
            if (!ui.data().reachable()) {
                System.out.println("driftline ui: waiting for Kafka at " + kafka.bootstrapServers + " (not reachable "
                        + "yet) — is the broker running? Check --bootstrap-servers; the page stays up and fills in "
                        + "once Kafka answers.");
            }
        }, "driftline-ui-watch");
        watch.setDaemon(true);
        watch.start();
        Shutdown.awaitSignal();
        return 0;
    }
}
