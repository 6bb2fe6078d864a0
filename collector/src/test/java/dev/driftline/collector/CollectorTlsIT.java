package dev.driftline.collector;

import static dev.driftline.collector.CollectorFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.WithKafka;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS and mutual TLS with real certificates (made with the JDK's keytool), and the slow-upload timeout. */
@WithKafka
class CollectorTlsIT {
    private static final String PASSWORD = "changeit";

    @Test
    void httpsWithClientCertificatesWhenATruststoreIsSet(KafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path server = keystore(dir, "server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        Path client = keystore(dir, "client", "CN=kserve-logger", null);
        Path serverTrust = trustOnly(dir, "server-trust", client, "client");
        Path clientTrust = trustOnly(dir, "client-trust", server, "server");
        String prefix = kafka.uniqueTopic("tls-it") + ".";
        try (Collector c = CollectorFixture.start(kafka.bootstrapServers(), prefix, Map.of(
                "collector.tls.keystore.path", server.toString(), "collector.tls.keystore.password", PASSWORD,
                "collector.tls.truststore.path", serverTrust.toString(),
                "collector.tls.truststore.password", PASSWORD))) {
            awaitReady(c);
            URI uri = URI.create("https://127.0.0.1:" + c.port() + "/");
            HttpClient withCert = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(ssl(client, clientTrust)).build();
            HttpResponse<String> ok = withCert.send(kserve(c, "tls-1", REQUEST, V2_REQUEST).uri(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(kafka.readAll(prefix + "inference.events", 1, Duration.ofSeconds(10))).hasSize(1);

            HttpClient noCert = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(ssl(null, clientTrust)).build();
            assertThatThrownBy(() -> noCert.send(kserve(c, "tls-2", REQUEST, V2_REQUEST).uri(uri).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aBodyThatDoesNotArriveInTimeGets408(KafkaBroker kafka) throws Exception {
        try (Collector c = CollectorFixture.start(kafka.bootstrapServers(), kafka.uniqueTopic("slow-it") + ".",
                Map.of("collector.read-timeout", "500ms"));
             Socket s = new Socket("127.0.0.1", c.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nCe-Specversion: 1.0\r\n"
                    + "Ce-Id: slow\r\nCe-Type: " + REQUEST + "\r\nCe-Source: s\r\nContent-Length: 100\r\n\r\n{\"inp")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 408");
        }
    }

    private static Path keystore(Path dir, String name, String dname, String ext) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", name, "-keyalg",
                "EC", "-groupname", "secp256r1", "-dname", dname, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (ext != null) {
            cmd.addAll(List.of("-ext", ext));
        }
        run(cmd);
        return ks;
    }

    /** A truststore holding only the certificate of {@code keystore}. */
    private static Path trustOnly(Path dir, String name, Path keystore, String alias) throws Exception {
        Path cert = dir.resolve(alias + ".crt");
        run(List.of(keytool(), "-exportcert", "-alias", alias, "-keystore", keystore.toString(), "-storepass",
                PASSWORD, "-rfc", "-file", cert.toString()));
        Path ts = dir.resolve(name + ".p12");
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype",
                "PKCS12", "-keystore", ts.toString(), "-storepass", PASSWORD));
        return ts;
    }

    private static SSLContext ssl(Path keystore, Path truststore) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(truststore));
        KeyManagerFactory kmf = null;
        if (keystore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keystore), PASSWORD.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore load(Path p) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }
}
