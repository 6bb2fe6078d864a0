package dev.driftline.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** contracts/README.md's topic table is the declaration in {@link Topics}, row for row. */
class TopicsReadmeTest {

    /** The table as the README shows it (default prefix). */
    static String table(Topics topics) {
        StringBuilder out = new StringBuilder("| topic | key | value | partitions | retention |\n"
                + "|---|---|---|---|---|\n");
        for (Topic<?, ?> t : topics.all()) {
            String retention = t.compacted() ? "compacted"
                    : t.retention().map(d -> d.toDays() + " d").orElse("broker default");
            out.append("| `").append(t.name()).append("` | ").append(t.key()).append(" | ").append(t.value())
                    .append(" | ").append(t.partitions()).append(" | ").append(retention).append(" |\n");
        }
        return out.toString();
    }

    @Test
    void readmeListsEveryTopicAsDeclared() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String begin = "<!-- topics:begin -->\n";
        String end = "<!-- topics:end -->";
        assertThat(readme).contains(begin, end);
        String shown = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));
        assertThat(shown).as("README topic table (expected:%n%s)", table(new Topics())).isEqualTo(table(new Topics()));
    }

    @Test
    void everyTopicHasItsOwnNameAndATypedValueSerde() {
        Topics t = new Topics("p.");
        assertThat(t.all()).extracting(Topic::name).doesNotHaveDuplicates().allMatch(n -> n.startsWith("p."));
        assertThat(t.drift.valueSerde().deserializer()).isNotNull();
        assertThat(t.all()).hasSize(14);
    }
}
