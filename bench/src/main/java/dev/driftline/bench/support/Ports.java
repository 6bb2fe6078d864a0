package dev.driftline.bench.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on loopback, for the child processes and servers a benchmark (or a test) starts. */
public final class Ports {
    private Ports() {
    }

    /** A port that was free a moment ago (the OS's pick); another process may take it before it is bound again. */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
