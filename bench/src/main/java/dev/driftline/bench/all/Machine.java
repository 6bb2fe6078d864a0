package dev.driftline.bench.all;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.bench.support.Figures;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The {@code machine} object of {@code driftline bench all}: what the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static ObjectNode before(Instant started) {
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("date", started.toString());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("jvm_max_heap_mib", Runtime.getRuntime().maxMemory() / 1048576);
        m.put("memory_total_mib", memTotalMib());
        m.put("git_commit", gitCommit());
        m.set("load_average_before", loadAverage());
        return m;
    }

    static void after(ObjectNode m, double wallSeconds) {
        m.set("load_average_after", loadAverage());
        m.put("wall_s", Figures.round1(wallSeconds));
    }

    /** 1, 5 and 15 minute load averages from /proc/loadavg, else the JVM's 1 minute figure. */
    private static ArrayNode loadAverage() {
        ArrayNode a = new ObjectMapper().createArrayNode();
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            for (int i = 0; i < 3; i++) {
                a.add(Double.parseDouble(f[i]));
            }
        } catch (IOException | RuntimeException e) {
            a.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return a;
    }

    private static Long memTotalMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    /** {@code git rev-parse HEAD} in the working directory (with "-dirty" when it has changes), or null. */
    private static String gitCommit() {
        try {
            String head = git("rev-parse", "HEAD");
            if (head == null || head.isEmpty()) {
                return null;
            }
            String status = git("status", "--porcelain", "--untracked-files=no");
            return status != null && !status.isEmpty() ? head + "-dirty" : head;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String git(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return null;
        }
        return new String(out, StandardCharsets.UTF_8).trim();
    }
}
