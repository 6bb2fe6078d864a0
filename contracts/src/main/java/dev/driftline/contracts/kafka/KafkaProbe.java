package dev.driftline.contracts.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Is Kafka at these bootstrap servers reachable, and if not, why: the one check every driftline service runs before
 * it starts (see {@link KafkaStartupWait}), so that a broker that is not there becomes one sentence ("connection
 * refused", "unknown host", "timed out") instead of a minute of client warnings.
 *
 * <p>Two steps: a plain TCP connect to each {@code host:port} (it tells refused, unknown host, no route and timeout
 * apart), and, when one of them accepts, an {@link Admin#describeCluster} with the service's {@code kafka.*} client
 * properties (TLS, SASL) and the same short timeout, which tells a Kafka broker from any other listener and reports
 * rejected credentials. Only a cluster that answers counts as reachable.
 */
public final class KafkaProbe {
    private KafkaProbe() {
    }

    /** The outcome: reachable, or not with a short lower-case reason such as {@code connection refused}. */
    public record Result(boolean reachable, String reason) {
        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failed(String reason) {
            return new Result(false, reason);
        }
    }

    /**
     * Probes {@code bootstrapServers} ({@code host:port[,host:port...]}) within about {@code timeout} per step.
     *
     * @param clientProperties Kafka client properties for the admin step (security settings); may be empty
     */
    public static Result probe(String bootstrapServers, Properties clientProperties, Duration timeout) {
        List<String> servers = split(bootstrapServers);
        if (servers.isEmpty()) {
            return Result.failed("no bootstrap servers given");
        }
        Set<String> reasons = new LinkedHashSet<>();
        boolean anyOpen = false;
        for (String server : servers) {
            String problem = tcp(server, timeout);
            if (problem == null) {
                anyOpen = true;
                break;
            }
            reasons.add(servers.size() == 1 ? problem : server + ": " + problem);
        }
        if (!anyOpen) {
            return Result.failed(String.join("; ", reasons));
        }
        return admin(bootstrapServers, clientProperties, timeout);
    }

    /** {@code null} when {@code server} accepts a TCP connection, else why not. */
    static String tcp(String server, Duration timeout) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            return "not host:port";
        }
        String host = server.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException e) {
            return "not host:port";
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    timeout.toMillis())));
            return null;
        } catch (ConnectException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            return m.contains("refused") ? "connection refused" : "cannot connect: " + e.getMessage();
        } catch (SocketTimeoutException e) {
            return "no answer within " + seconds(timeout) + " (timed out)";
        } catch (NoRouteToHostException e) {
            return "no route to host";
        } catch (IOException | IllegalArgumentException e) {
            return "cannot connect: " + e.getMessage();
        }
    }

    private static Result admin(String servers, Properties clientProperties, Duration timeout) {
        Properties p = new Properties();
        if (clientProperties != null) {
            p.putAll(clientProperties);
        }
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "driftline-kafka-probe");
        int ms = (int) Math.max(100, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(ms, 10_000)));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Integer.toString(Math.min(ms, 10_000)));
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            return Result.failed("cannot create a Kafka client: " + rootMessage(e));
        }
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms));
            int nodes = cluster.nodes().get(ms + 1000L, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(ms + 1000L, TimeUnit.MILLISECONDS);
            return Result.ok("cluster " + id + ", " + nodes + (nodes == 1 ? " broker" : " brokers"));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AuthenticationException) {
                return Result.failed("authentication failed: " + c.getMessage());
            }
            if (c instanceof AuthorizationException) {
                return Result.failed("not authorised to describe the cluster: " + c.getMessage());
            }
            if (c instanceof org.apache.kafka.common.errors.TimeoutException) {
                return Result.failed(noKafkaAnswer(timeout));
            }
            return Result.failed(c == null ? String.valueOf(e.getMessage()) : rootMessage(c));
        } catch (java.util.concurrent.TimeoutException e) {
            return Result.failed(noKafkaAnswer(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        } finally {
            admin.close(Duration.ofMillis(500));
        }
    }

    private static String noKafkaAnswer(Duration timeout) {
        return "the port accepts connections but no Kafka answer within " + seconds(timeout)
                + " (not a Kafka listener, or TLS/SASL settings missing?)";
    }

    private static String rootMessage(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }

    static List<String> split(String servers) {
        List<String> out = new ArrayList<>();
        if (servers == null) {
            return out;
        }
        for (String s : servers.split(",")) {
            String t = s.trim();
            // a listener name prefix (SASL_SSL://host:port) is allowed by Kafka's clients
            int scheme = t.indexOf("://");
            if (scheme >= 0) {
                t = t.substring(scheme + 3);
            }
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code 5s}, {@code 1m30s}, {@code 500ms}. */
    public static String seconds(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
