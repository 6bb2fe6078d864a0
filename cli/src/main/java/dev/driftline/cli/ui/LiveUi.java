package dev.driftline.cli.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftline.contracts.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live page ({@code driftline ui}, and the demo): the report's page served by the JDK's HTTP server, its data
 * read from the topics by {@link LiveData}.
 *
 * <ul>
 *   <li>{@code GET /}: the page ({@link ReportPage}) with the current document of the first model inlined and
 *       {@code "live": true}, so it polls {@code api/data?model=M} every 2 s and re-renders when {@code revision}
 *       changes.</li>
 *   <li>{@code GET /api/data?model=M}: the {@link ReportDocument} with model M's part (the first model's without
 *       {@code model}); {@code models} lists every model seen.</li>
 *   <li>{@code GET /healthz}: {@code ok} (200) once every partition has been read to its end once, else
 *       {@code catching up} (503).</li>
 * </ul>
 * Browser-test hooks are those of the report ({@code dev.driftline.cli.ReportCommand}).
 *
 * <pre>
 * try (LiveUi ui = LiveUi.start("127.0.0.1:9092", new Topics("driftline."), "127.0.0.1", 0)) {
 *     System.out.println(ui.url());
 * }
 * </pre>
 */
public final class LiveUi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUi.class);
    /** Windows kept per model by default. */
    public static final int DEFAULT_WINDOWS = 2_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LiveData data;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private LiveUi(LiveData data, HttpServer server, ExecutorService executor, String host) {
        this.data = data;
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /** Starts reading the topics and serving on {@code host:port} ({@code port} 0: any free port). */
    public static LiveUi start(String bootstrapServers, Topics topics, String host, int port) {
        return start(bootstrapServers, topics, host, port, DEFAULT_WINDOWS, new Properties());
    }

    /** As {@link #start(String, Topics, String, int)}, keeping {@code windows} per model, with client settings. */
    public static LiveUi start(String bootstrapServers, Topics topics, String host, int port, int windows,
            Properties consumerProperties) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("driftline ui: cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + ")", e);
        }
        LiveData data = new LiveData(bootstrapServers, topics, windows, consumerProperties);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "driftline-ui-http");
            t.setDaemon(true);
            return t;
        });
        LiveUi ui = new LiveUi(data, server, executor, host);
        server.createContext("/", ui::handle);
        server.setExecutor(executor);
        server.start();
        return ui;
    }

    /** The port served on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, {@code http://HOST:PORT/}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** The data reader (models seen, revision). */
    public LiveData data() {
        return data;
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "GET only\n");
                return;
            }
            switch (path) {
                case "/", "/index.html" -> {
                    ObjectNode doc = data.document(null);
                    send(ex, 200, "text/html; charset=utf-8", ReportPage.html(doc));
                }
                case "/api/data" -> {
                    String model = query(ex, "model");
                    send(ex, 200, "application/json", MAPPER.writeValueAsString(data.document(
                            model == null || model.isEmpty() ? null : model)));
                }
                case "/healthz" -> {
                    if (data.caughtUp()) {
                        send(ex, 200, "text/plain", "ok\n");
                    } else {
                        send(ex, 503, "text/plain", "catching up\n");
                    }
                }
                default -> send(ex, 404, "text/plain", "not found: " + path + "\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("driftline ui: {} failed", ex.getRequestURI(), e);
            send(ex, 500, "text/plain", "error: " + e + "\n");
        } finally {
            ex.close();
        }
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        data.close();
    }
}
