package dev.driftline.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from Linux's {@code /proc/<pid>/status}: {@code VmRSS} (now) and {@code VmHWM} (the
 * kernel's peak), in bytes; -1 when the line is missing.
 */
record ProcStatus(long vmRssBytes, long vmHwmBytes) {
    static final ProcStatus UNKNOWN = new ProcStatus(-1, -1);

    /** Reads {@code /proc/<pid>/status}; {@link #UNKNOWN} when it cannot (no procfs, process gone). */
    static ProcStatus read(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    static ProcStatus parse(String status) {
        long rss = -1;
        long hwm = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        return new ProcStatus(rss, hwm);
    }

    /** {@code "VmRSS:\t  123456 kB"} → bytes. */
    private static long kib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        long v = Long.parseLong(parts[0]);
        if (parts.length > 1 && !parts[1].equalsIgnoreCase("kB")) {
            throw new IllegalArgumentException("unexpected unit in " + line);
        }
        return v * 1024;
    }
}
