package dev.driftline.bench.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on loopback, for the child processes and servers a benchmark (or a test) starts. A port handed out
 * once is not handed out again by this JVM (the OS may offer a just-closed port twice), and {@link #freeLoopbackPortPair}
 * gives a port whose next one is free too, for a broker whose controller takes the next port.
 */
public final class Ports {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final int ATTEMPTS = 200;

    private Ports() {
    }

    /** A port that was free a moment ago (the OS's pick); another process may take it before it is bound again. */
    public static synchronized int freeLoopbackPort() throws IOException {
        for (int i = 0; i < ATTEMPTS; i++) {
            int p = osPick();
            if (HANDED_OUT.add(p)) {
                return p;
            }
        }
        throw new IOException("no free loopback port the OS offered was new after " + ATTEMPTS + " attempts");
    }

    /** A port {@code p} such that {@code p} and {@code p + 1} were free a moment ago (a broker and its controller). */
    public static synchronized int freeLoopbackPortPair() throws IOException {
        for (int i = 0; i < ATTEMPTS; i++) {
            int p = osPick();
            if (p < 65535 && !HANDED_OUT.contains(p) && !HANDED_OUT.contains(p + 1) && isFree(p + 1)) {
                HANDED_OUT.add(p);
                HANDED_OUT.add(p + 1);
                return p;
            }
        }
        throw new IOException("no two adjacent free loopback ports found after " + ATTEMPTS + " attempts");
    }

    /** Whether {@code port} can be bound on loopback now. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int osPick() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
