package dev.driftline.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A moto_server process (a local fake of many AWS APIs) plus AWS SDK v2 clients pointed at it.
 *
 * <p>Tests normally get the shared instance injected by {@link MotoServerExtension}, which also
 * calls {@link #reset()} before each test. {@link #start()} exists for use outside JUnit.
 *
 * <p>The process writes to {@code target/moto-server.log} (never a pipe: an undrained pipe
 * blocks the server once its buffer fills). It is stopped by {@link #close()}, by a JVM shutdown
 * hook if close never runs, and, when started through Python, by itself if the JVM is killed.
 */
public final class MotoServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);

  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private final Process process;
  private final URI endpoint;
  private final Path logFile;
  private final Thread shutdownHook;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** Clients we made or were asked to own; closed before the process stops. */
  private final List<SdkAutoCloseable> clients = new CopyOnWriteArrayList<>();

  private volatile boolean closed;

  private MotoServer(MotoLauncher.Started started, Path logFile) {
    this.process = started.process();
    this.endpoint = started.endpoint();
    this.logFile = logFile;
    this.shutdownHook = new Thread(() -> MotoLauncher.stop(process), "moto-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Finds (or installs into {@code target/moto-venv}) moto, starts it on a free port of
   * 127.0.0.1 and waits until it answers. Throws with install instructions if moto is missing.
   */
  public static MotoServer start() {
    Path target = MotoLauncher.targetDir();
    List<String> command =
        MotoLauncher.resolveCommand(target, MotoLauncher.configuredPython(), true);
    Path log = target.resolve("moto-server.log");
    MotoServer server = new MotoServer(MotoLauncher.start(command, log), log);
    LOG.info("moto_server ready at {} (log: {})", server.endpoint, log);
    return server;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  /** Always us-east-1: moto accepts any region, and one fixed region keeps tests simple. */
  public Region region() {
    return Region.US_EAST_1;
  }

  /** Static credentials {@code test}/{@code test}; moto accepts any. */
  public AwsCredentialsProvider credentialsProvider() {
    return CREDENTIALS;
  }

  /** The server's stdout/stderr. */
  public Path logFile() {
    return logFile;
  }

  /**
   * Points any AWS SDK v2 client builder at this server: endpoint override, region and
   * credentials. The caller builds and owns the client (see {@link #closeWithServer}).
   *
   * <pre>{@code GlueClient glue = moto.configure(GlueClient.builder()).build();}</pre>
   */
  public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
    return builder.endpointOverride(endpoint).region(region()).credentialsProvider(CREDENTIALS);
  }

  /**
   * A new S3 client for this server, with path-style addressing (moto cannot serve
   * {@code bucket.127.0.0.1}). It is closed when the server closes; closing it earlier is fine.
   */
  public S3Client s3() {
    return closeWithServer(configure(S3Client.builder()).forcePathStyle(true).build());
  }

  /** Registers a client to be closed when this server closes; returns it for chaining. */
  public <C extends SdkAutoCloseable> C closeWithServer(C client) {
    clients.add(client);
    return client;
  }

  /** Drops all state in every moto backend ({@code POST /moto-api/reset}). */
  public void reset() {
    post("/moto-api/reset", "");
  }

  /**
   * POSTs a JSON body to a moto control endpoint and returns the response body, e.g. seeding
   * Athena results: {@code post("/moto-api/static/athena/query-results", json)}. Throws unless
   * the answer is 2xx.
   */
  public String post(String path, String jsonBody) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "POST " + path + " -> HTTP " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(
          "POST " + path + " failed; moto log tail:\n" + MotoLauncher.tail(logFile, 20), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during POST " + path, e);
    }
  }

  /** Closes the registered clients, then stops the process (SIGTERM, then SIGKILL after 5 s). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (SdkAutoCloseable client : new ArrayList<>(clients)) {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing an AWS client failed", e);
      }
    }
    clients.clear();
    MotoLauncher.stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // close() itself runs during JVM shutdown: the hook is running or will, and is harmless
    }
  }
}
