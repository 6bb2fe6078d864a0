package dev.driftline.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void aPortIsHandedOutOnceAndAPairLeavesItsNextPortFree() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertThat(seen.add(Ports.freeLoopbackPort())).as("handed out twice").isTrue();
            int p = Ports.freeLoopbackPortPair();
            assertThat(seen.add(p)).isTrue();
            assertThat(seen.add(p + 1)).isTrue();
            assertThat(Ports.isFree(p)).isTrue();
            assertThat(Ports.isFree(p + 1)).isTrue();
        }
    }

    @Test
    void aBoundPortIsNotFree() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isFree(s.getLocalPort())).isFalse();
        }
    }
}
