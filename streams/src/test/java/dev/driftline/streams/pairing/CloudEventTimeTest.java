package dev.driftline.streams.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CloudEventTimeTest {

    /** What {@code OffsetDateTime.parse} makes of a text, as {@link CloudEventTime} reports it. */
    private static long reference(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            return CloudEventTime.INVALID;
        }
    }

    @Test
    void agreesWithJavaTimeOnEveryForm() {
        List<String> texts = List.of("2026-11-21T10:05:00Z", "2026-11-21T10:05:00.1Z", "2026-11-21T10:05:00.12Z",
                "2026-11-21T10:05:00.123Z", "2026-11-21T10:05:00.123456789Z", "2026-11-21T10:05:00.9999Z",
                "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T23:60:00Z", "2026-11-21T23:59:60Z",
                "2026-11-21T10:05:00.Z", "2026-11-21T10:05:00.1234567890Z", "2026-11-21T10:05:00,5Z",
                "2026-11-21t10:05:00z", "2026-11-21T10:05:00+02:00", "2026-11-21T10:05:00.5-05:30",
                "2026-11-21T10:05Z", "2026-11-21 10:05:00Z", "2026-1-21T10:05:00Z", "+2026-11-21T10:05:00Z",
                "2026-11-21T10:05:0xZ", "２026-11-21T10:05:00Z", "", "not a time", "2026-11-21T10:05:00");
        for (String t : texts) {
            assertThat(CloudEventTime.epochMillis(t)).as(t).isEqualTo(reference(t));
        }
        assertThat(CloudEventTime.utc("2026-11-21T10:05:00+02:00")).isEqualTo(CloudEventTime.INVALID); // java.time's
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsAndMutations() {
        SplittableRandom random = new SplittableRandom(7);
        String digitsAndMarks = "0123456789-:.TZ+x";
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertThat(CloudEventTime.epochMillis(text)).as(text).isEqualTo(instant.toEpochMilli());
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = digitsAndMarks.charAt(random.nextInt(digitsAndMarks.length()));
            String m = new String(mutated);
            assertThat(CloudEventTime.epochMillis(m)).as(m).isEqualTo(reference(m));
        }
    }
}
