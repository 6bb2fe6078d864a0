package dev.driftline.remediation.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.remediation.policy.PolicySection;
import dev.driftline.remediation.world.TrainingBackend;
import dev.driftline.remediation.world.TrainingRequest;
import dev.driftline.remediation.world.TrainingStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code command} training backend: runs any trainer as a child process, for teams whose training is a script,
 * and for the demo. Policy keys under {@code training.command}:
 * <ul>
 * <li>{@code run} (required): the command as a list; {@code ${data}}, {@code ${output}}, {@code ${episode}} and
 *     {@code ${model}} are replaced by the data location, the output directory, the episode id and the model;</li>
 * <li>{@code workdir} (default {@code remediation-work}): one directory per run, named after the run.</li>
 * </ul>
 * The trainer writes {@code metrics.json} (an object of metric → number; {@code serving_<metric>} for the serving
 * model on the same holdout) into the output directory, and either its model there or the artifact's URI into
 * {@code artifact.txt}. Exit code 0 = completed.
 *
 * <p>The run survives the service: it is started through {@code sh}, which writes the exit code into the run's
 * directory, so a restarted service reads the outcome instead of starting the run again ({@code pid} marks a
 * started run).
 */
public final class CommandTrainingBackend implements TrainingBackend {
    private static final Set<String> KEYS = Set.of("run", "workdir");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> run;
    private final Path workdir;

    public CommandTrainingBackend(List<String> run, Path workdir) {
        if (run.isEmpty()) {
            throw new IllegalArgumentException("training.command.run is empty");
        }
        this.run = List.copyOf(run);
        this.workdir = workdir;
    }

    /** From {@code training.command}. */
    public static CommandTrainingBackend from(PolicySection training) {
        PolicySection s = training.section("command").onlyKeys(KEYS);
        List<String> run = s.textList("run", List.of());
        if (run.isEmpty()) {
            throw s.error("run", "is required: the trainer command as a list, e.g. [python3, train.py, ${data}, ${output}]");
        }
        return new CommandTrainingBackend(run, Path.of(s.text("workdir", "remediation-work")));
    }

    @Override
    public String kind() {
        return "command";
    }

    Path dir(TrainingRequest r) {
        return workdir.resolve(r.runName()).toAbsolutePath();
    }

    @Override
    public String start(TrainingRequest r) {
        Path dir = dir(r);
        if (Files.exists(dir.resolve("pid"))) {
            return dir.toString();
        }
        try {
            Files.createDirectories(dir.resolve("output"));
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "\"$@\"; echo $? > exit.tmp && mv exit.tmp exit",
                    "driftline-train"));
            for (String a : run) {
                cmd.add(a.replace("${data}", localPath(r.dataLocation())).replace("${output}",
                                dir.resolve("output").toString()).replace("${episode}", r.episodeId())
                        .replace("${model}", r.model()));
            }
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile()).start();
            Files.writeString(dir.resolve("pid"), Long.toString(p.pid()));
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + run + " in " + dir, e);
        }
    }

    @Override
    public TrainingStatus status(TrainingRequest r) {
        Path dir = dir(r);
        try {
            if (!Files.exists(dir.resolve("exit"))) {
                if (alive(dir)) {
                    return TrainingStatus.inProgress();
                }
                // started, no exit code, process gone: killed with the machine, not by itself
                return TrainingStatus.failed("the trainer process ended without an exit code (see "
                        + dir.resolve("train.log") + ")");
            }
            String code = Files.readString(dir.resolve("exit")).trim();
            if (!"0".equals(code)) {
                return TrainingStatus.failed("trainer exited with " + code + "; last output: " + tail(dir));
            }
            Path out = dir.resolve("output");
            Path metricsFile = out.resolve("metrics.json");
            if (!Files.exists(metricsFile)) {
                return TrainingStatus.failed("trainer wrote no " + metricsFile);
            }
            Map<String, Double> metrics = new TreeMap<>();
            JsonNode m = JSON.readTree(metricsFile.toFile());
            if (m == null || !m.isObject()) {
                return TrainingStatus.failed(metricsFile + " is not a JSON object of metric → number");
            }
            m.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) {
                    metrics.put(f.getKey(), f.getValue().doubleValue());
                }
            });
            Path artifactFile = out.resolve("artifact.txt");
            String artifact = Files.exists(artifactFile) ? Files.readString(artifactFile).trim() : out.toUri().toString();
            return TrainingStatus.completed(metrics, artifact);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run in " + dir, e);
        }
    }

    @Override
    public void stop(TrainingRequest r) {
        pid(dir(r)).flatMap(ProcessHandle::of).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroy);
            h.destroy();
        });
    }

    private static boolean alive(Path dir) {
        return pid(dir).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Optional<Long> pid(Path dir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve("pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String tail(Path dir) throws IOException {
        Path log = dir.resolve("train.log");
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** {@code file:///x} → {@code /x}; anything else as it is (an s3:// location the trainer reads itself). */
    private static String localPath(String location) {
        return location.startsWith("file:") ? Path.of(java.net.URI.create(location)).toString() : location;
    }
}
