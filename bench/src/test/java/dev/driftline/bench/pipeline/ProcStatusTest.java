package dev.driftline.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {
    @Test
    void readsVmRssAndVmHwmInBytes() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 5000000 kB\nVmHWM:\t  812344 kB\n"
                + "VmRSS:\t  700000 kB\nRssAnon:\t  650000 kB\nThreads:\t42\n";
        ProcStatus s = ProcStatus.parse(status);
        assertThat(s.vmRssBytes()).isEqualTo(700_000L * 1024);
        assertThat(s.vmHwmBytes()).isEqualTo(812_344L * 1024);
    }

    @Test
    void missingLinesAreMinusOne() {
        assertThat(ProcStatus.parse("Name:\tkthreadd\nState:\tS\n")).isEqualTo(new ProcStatus(-1, -1));
    }

    @Test
    void thisProcessHasAResidentSetOnLinux() {
        ProcStatus s = ProcStatus.read(ProcessHandle.current().pid());
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(s.vmRssBytes()).isPositive();
            assertThat(s.vmHwmBytes()).isGreaterThanOrEqualTo(s.vmRssBytes());
        } else {
            assertThat(s).isEqualTo(ProcStatus.UNKNOWN);
        }
    }

    @Test
    void aGoneProcessIsUnknown() {
        assertThat(ProcStatus.read(Long.MAX_VALUE)).isEqualTo(ProcStatus.UNKNOWN);
    }
}
