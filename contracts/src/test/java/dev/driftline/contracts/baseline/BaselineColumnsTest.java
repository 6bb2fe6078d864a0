package dev.driftline.contracts.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineFeature;
import dev.driftline.drift.model.FeatureType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The columns of a baseline, read without its profiles, are those of the full decode. */
class BaselineColumnsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper mapper = new ObjectMapper();

    private Baseline built(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("code,amount,flag,label,predicted\n");
        for (int i = 0; i < 2000; i++) { // past the exact-sample cap: sketch-mode profiles too
            csv.append("c").append(i % 7).append(',').append(i * 0.37).append(',').append(i % 2 == 0)
                    .append(',').append(10 + i % 5).append(".5,").append(10 + (i + 1) % 5).append(".25\n");
        }
        return TrainedBaselines.fromCsv(dir, csv, CLOCK);
    }

    @Test
    void theColumnsAreTheFullDecodesInOrder(@TempDir Path dir) throws Exception {
        Baseline b = built(dir);
        byte[] bytes = BaselineCodec.INSTANCE.encode(b);
        List<BaselineColumns.Column> expected = BaselineCodec.INSTANCE.decode(bytes).features().stream()
                .map(f -> new BaselineColumns.Column(f.name(), f.type(), f.role())).toList();
        assertThat(BaselineColumns.of(bytes)).isEqualTo(expected).hasSize(5);
        assertThat(BaselineColumns.of(bytes)).extracting(BaselineColumns.Column::role).containsExactly(
                BaselineFeature.Role.FEATURE, BaselineFeature.Role.FEATURE, BaselineFeature.Role.FEATURE,
                BaselineFeature.Role.LABEL, BaselineFeature.Role.PREDICTION);
        assertThat(BaselineColumns.of(bytes).get(1).type()).isEqualTo(FeatureType.FRACTIONAL);
    }

    @Test
    void fieldsInAnyOrderAndAMissingRoleReadAsTheFullDecodeReadsThem() {
        String json = "{\"features\": [{\"profile\": \"AAAA\", \"type\": \"integral\", \"name\": \"x\","
                + " \"numeric\": {\"reference_bins\": [1, 2]}}, {\"name\": \"y\", \"role\": \"prediction\","
                + " \"type\": \"string\", \"constraints\": {\"domain\": [\"a\"]}}], \"version\": 1,"
                + " \"format\": \"driftline-baseline\", \"model\": \"m\"}";
        assertThat(BaselineColumns.of(json.getBytes(StandardCharsets.UTF_8))).containsExactly(
                new BaselineColumns.Column("x", FeatureType.INTEGRAL, BaselineFeature.Role.FEATURE),
                new BaselineColumns.Column("y", FeatureType.STRING, BaselineFeature.Role.PREDICTION));
    }

    @Test
    void aFieldGivenTwiceCountsOnceTheLastTimeAsInTheFullDecodesTree() {
        String json = "{\"format\": \"driftline-baseline\", \"version\": 1, \"features\": [{\"name\": \"old\","
                + " \"type\": \"integral\"}], \"features\": [{\"name\": \"new\", \"type\": \"string\"}]}";
        assertThat(BaselineColumns.of(json.getBytes(StandardCharsets.UTF_8))).containsExactly(
                new BaselineColumns.Column("new", FeatureType.STRING, BaselineFeature.Role.FEATURE));
    }

    @Test
    void whatTheFullDecodeRefusesForItsColumnsIsRefusedWithTheSameReason(@TempDir Path dir) throws Exception {
        ObjectNode root = BaselineCodec.toJson(built(dir), mapper);
        root.put("version", 2);
        assertRefused(root, RecordFormatException.UNKNOWN_SCHEMA_VERSION, "format version 2 is not supported");
        root.put("version", 1).put("format", "something-else");
        assertRefused(root, RecordFormatException.BAD_VALUE, "not a driftline baseline");
        root.put("format", BaselineCodec.FORMAT);
        ((ObjectNode) root.get("features").get(1)).put("type", "complex");
        assertRefused(root, RecordFormatException.BAD_VALUE, "features[1]: unknown type or role");
        ((ObjectNode) root.get("features").get(1)).put("type", "fractional").remove("name");
        assertRefused(root, RecordFormatException.BAD_VALUE, "features[1]: missing field \"name\"");
        ((ObjectNode) root.get("features").get(1)).put("name", "code");
        assertRefused(root, RecordFormatException.BAD_VALUE, "lists column code twice");
        assertThatThrownBy(() -> BaselineColumns.of("{\"format\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("baseline is not JSON")
                .extracting(e -> ((RecordFormatException) e).reason()).isEqualTo(RecordFormatException.NOT_JSON);
        assertThatThrownBy(() -> BaselineColumns.of("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("not a JSON object");
    }

    private void assertRefused(ObjectNode root, String reason, String message) throws Exception {
        byte[] bytes = mapper.writeValueAsBytes(root);
        assertThatThrownBy(() -> BaselineCodec.INSTANCE.decode(bytes)).isInstanceOf(RecordFormatException.class)
                .extracting(e -> ((RecordFormatException) e).reason()).isEqualTo(reason);
        assertThatThrownBy(() -> BaselineColumns.of(bytes)).isInstanceOf(RecordFormatException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((RecordFormatException) e).reason()).isEqualTo(reason);
    }
}
