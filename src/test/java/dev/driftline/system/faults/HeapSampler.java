package dev.driftline.system.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Samples another JVM's used heap once a second from outside, with the JDK's {@code jstat -gc <pid> 1000} (one
 * process for all samples: cheap on a small machine). Used heap = survivor spaces + eden + old generation.
 */
final class HeapSampler implements AutoCloseable {
    private final Process jstat;
    private final Thread reader;
    private final List<Long> usedKib = new ArrayList<>();
    private volatile String problem = "";

    private HeapSampler(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "heap-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    static HeapSampler start(long pid) throws IOException {
        String exe = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        return new HeapSampler(new ProcessBuilder(exe, "-J-Duser.language=en", "-J-Duser.country=US", "-gc",
                Long.toString(pid), "1000").redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line; (line = r.readLine()) != null; ) {
                List<String> cols = List.of(line.trim().split("\\s+"));
                if (cols.contains("EU")) {
                    header = cols;
                } else if (header != null && cols.size() == header.size()) {
                    double kib = 0;
                    for (String used : List.of("S0U", "S1U", "EU", "OU")) {
                        kib += Double.parseDouble(cols.get(header.indexOf(used)).replace(',', '.'));
                    }
                    synchronized (usedKib) {
                        usedKib.add((long) kib);
                    }
                } else {
                    problem = line;
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = e.toString();
        }
    }

    /** Used heap of each sample so far, in KiB. */
    List<Long> samplesKib() {
        synchronized (usedKib) {
            return List.copyOf(usedKib);
        }
    }

    long maxUsedMib() {
        return samplesKib().stream().mapToLong(Long::longValue).max().orElse(0) / 1024;
    }

    /** jstat's last line that was not a sample (e.g. why it could not attach), for failure messages. */
    String problem() {
        return problem;
    }

    String describe() {
        List<Long> s = samplesKib();
        return String.format(Locale.ROOT, "%d samples, max used %d MiB, last %d MiB", s.size(), maxUsedMib(),
                s.isEmpty() ? 0 : s.get(s.size() - 1) / 1024);
    }

    @Override
    public void close() throws InterruptedException {
        jstat.destroy();
        jstat.waitFor(10, TimeUnit.SECONDS);
        reader.join(10_000);
    }
}
