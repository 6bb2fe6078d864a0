package dev.driftline.system.faults.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP forwarder put between a service and a dependency (the sink and moto) so that the dependency can
 * become unreachable without being stopped (moto keeps its state in memory: stopping it would lose the lake).
 * {@link #cut()} resets every open connection and resets each new one as soon as it is accepted, which is what a
 * client sees of a dead endpoint behind a load balancer; {@link #restore()} forwards again. The listening port stays
 * the same throughout, so the service needs no new address.
 */
public final class TcpFaultProxy implements AutoCloseable {
    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpFaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts forwarding 127.0.0.1:{@link #port()} to {@code host:port}. */
    public static TcpFaultProxy forward(String host, int port) throws IOException {
        return new TcpFaultProxy(new InetSocketAddress(host, port));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every connection now open and every new one until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            reset(s);
        }
    }

    public void restore() {
        cut = false;
    }

    /** Connections forwarded so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Connections reset on arrival while cut: the client's attempts during an outage. */
    public long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            try {
                Socket target = new Socket();
                target.connect(upstream, 5_000);
                accepted.incrementAndGet();
                open.add(client);
                open.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    /** Copies {@code from} to {@code to} on a thread of its own; either side failing closes both. */
    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (cut) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side went, or cut() reset this connection
            } finally {
                if (cut) {
                    reset(from);
                    reset(to);
                } else {
                    quietClose(from);
                    quietClose(to);
                }
            }
        }, "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with SO_LINGER 0: the peer gets a RST, not an orderly FIN. */
    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        quietClose(s);
    }

    private void quietClose(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            quietClose(s);
        }
    }
}
