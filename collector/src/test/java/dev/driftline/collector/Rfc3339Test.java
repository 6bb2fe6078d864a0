package dev.driftline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T12:00:00Z", "2026-11-21T12:00:00.123456789Z", "2024-02-29T23:59:59+14:00",
        "2026-01-31T00:00:00-05:30", "2026-11-21t12:00:00z", "2026-11-21T12:00:00.1+00:00"})
    void acceptsValidTimestamps(String s) {
        assertThat(Rfc3339.isValid(s)).isTrue();
        assertThat(OffsetDateTime.parse(s.toUpperCase())).isNotNull(); // agrees with the JDK's parser
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-11-21", "2026-11-21T12:00:00", "2026-13-01T00:00:00Z",
        "2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T12:60:00Z",
        "2026-11-21T12:00:00.Z", "2026-11-21T12:00:00+0100", "2026-11-21T12:00:00+01:00x", "2026/11/21T12:00:00Z",
        "2026-11-21T12:00:00+24:00", "2026-11-21 12:00:00Z"})
    void rejectsInvalidTimestamps(String s) {
        assertThat(Rfc3339.isValid(s)).isFalse();
    }
}
