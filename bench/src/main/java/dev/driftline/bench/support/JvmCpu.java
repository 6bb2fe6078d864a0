package dev.driftline.bench.support;

import java.lang.management.ManagementFactory;

/**
 * This JVM's CPU time and the machine's load: benchmarks report cores busy (CPU time over wall time) next to their
 * rates, since the broker, the load and the code under test share the machine's cores.
 */
public final class JvmCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private JvmCpu() {
    }

    /** CPU time used by this JVM so far, in nanoseconds. */
    public static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** The system load average of the last minute, or a negative number when the OS does not tell. */
    public static double systemLoadAverage() {
        return OS.getSystemLoadAverage();
    }
}
