package dev.driftline.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLayoutTest {
    @Test
    void singleNodeKraftOnLoopbackWithReplicationOne(@TempDir Path dir) {
        Properties p = new BrokerLayout(dir, 19092, 19093).properties();
        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("log.dirs")).isEqualTo(dir.toAbsolutePath().resolve("logs").toString());
    }

    @Test
    void formatsOnceAndKeepsTheClusterIdOnTheNextPrepare(@TempDir Path dir) throws Exception {
        BrokerLayout layout = new BrokerLayout(dir, 19092, 19093);
        assertThat(layout.formatted()).isFalse();
        layout.prepare();
        assertThat(layout.formatted()).isTrue();
        String meta = Files.readString(dir.resolve("logs/meta.properties"));
        assertThat(meta).contains("cluster.id=");
        layout.prepare();
        assertThat(Files.readString(dir.resolve("logs/meta.properties"))).isEqualTo(meta);
    }
}
