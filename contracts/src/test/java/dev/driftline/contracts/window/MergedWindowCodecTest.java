package dev.driftline.contracts.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.RecordFormatException;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.CategoricalProfile;
import dev.driftline.drift.profile.FeatureProfile;
import dev.driftline.drift.profile.NumericProfile;
import dev.driftline.drift.profile.ProfileCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MergedWindowCodecTest {

    static MergedWindow sample() {
        NumericProfile n = new NumericProfile(FeatureType.FRACTIONAL);
        for (int i = 0; i < 100; i++) {
            n.update(i * 0.5);
        }
        CategoricalProfile c = new CategoricalProfile(FeatureType.STRING);
        c.update("a");
        c.update("b");
        Map<String, FeatureProfile> profiles = new TreeMap<>(Map.of("x", n, "prediction:y", c));
        return MergedWindow.of("iris", 0, 300_000, 1, 100, 3, profiles, Map.of("note", 12L));
    }

    @Test
    void roundTripKeepsProfilesAndSummaries() {
        MergedWindow w = sample();
        byte[] bytes = MergedWindowCodec.INSTANCE.encode(w);
        assertThat(bytes[0]).isEqualTo((byte) 2);
        MergedWindow back = MergedWindowCodec.INSTANCE.decode(bytes);
        assertSameWindow(back, w);
        assertThat(MergedWindowCodec.INSTANCE.encode(back)).isEqualTo(bytes);
        // the profile bytes as they are, where version 1 wrote them in base64 inside JSON
        assertThat(bytes.length).isLessThan(MergedWindowJson.encode(w).length);
    }

    private static void assertSameWindow(MergedWindow back, MergedWindow w) {
        assertThat(back.model()).isEqualTo("iris");
        assertThat(back.windowStart()).isEqualTo(0);
        assertThat(back.windowEnd()).isEqualTo(300_000);
        assertThat(back.revision()).isEqualTo(1);
        assertThat(back.rows()).isEqualTo(100);
        assertThat(back.partials()).isEqualTo(3);
        assertThat(back.untypedMissing()).containsExactly(Map.entry("note", 12L));
        assertThat(back.features().keySet()).containsExactly("prediction:y", "x");
        MergedWindow.Feature x = back.features().get("x");
        assertThat(x.type()).isEqualTo("fractional");
        assertThat(List.of(x.count(), x.present(), x.missing(), x.typeMismatches())).containsExactly(100L, 100L, 0L, 0L);
        assertThat(x.mean()).isEqualTo(24.75);
        assertThat(x.stdDev()).isEqualTo(w.features().get("x").stdDev());
        assertThat(x.min()).isEqualTo(0.0);
        assertThat(x.max()).isEqualTo(49.5);
        MergedWindow.Feature y = back.features().get("prediction:y");
        assertThat(y.type()).isEqualTo("string");
        assertThat(y.mean()).isNull();
        assertThat(y.stdDev()).isNull();
        assertThat(y.min()).isNull();
        assertThat(y.max()).isNull();
        for (String f : List.of("x", "prediction:y")) {
            assertThat(ProfileCodec.toBytes(back.profiles().get(f))).isEqualTo(w.features().get(f).profileBytes());
        }
    }

    @Test
    void versionOneJsonIsStillRead() {
        MergedWindow w = sample();
        byte[] json = MergedWindowJson.encode(w);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"schema_version\":1,\"model\":\"iris\",\"window_start\":\"1970-01-01T00:00:00Z\","
                + "\"window_end\":\"1970-01-01T00:05:00Z\",\"revision\":1,\"rows\":100,\"partials\":3,\"features\":{"
                + "\"prediction:y\":{\"type\":\"string\",\"count\":2,\"present\":2,\"missing\":0,"
                + "\"type_mismatches\":0,\"profile\":\"");
        assertThat(text).endsWith("\"untyped_missing\":{\"note\":12}}");
        for (String feature : List.of("x", "prediction:y")) { // the profile is standard, padded base64 of its bytes
            assertThat(text).contains("\"profile\":\"" + Base64.getEncoder().encodeToString(
                    w.features().get(feature).profileBytes()) + "\"");
        }
        assertSameWindow(MergedWindowCodec.INSTANCE.decode(json), w);
        assertSameWindow(MergedWindowCodec.INSTANCE.decode(("\n " + text).getBytes(StandardCharsets.UTF_8)), w);
    }

    @Test
    void aValueThatDoesNotFollowTheLayoutIsAFormatErrorNamingWhy() {
        byte[] bytes = MergedWindowCodec.INSTANCE.encode(sample());
        assertThatThrownBy(() -> MergedWindowCodec.INSTANCE.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("truncated")
                .extracting(e -> ((RecordFormatException) e).reason()).isEqualTo(RecordFormatException.BAD_VALUE);
        assertThatThrownBy(() -> MergedWindowCodec.INSTANCE.decode(Arrays.copyOf(bytes, bytes.length + 2)))
                .isInstanceOf(RecordFormatException.class).hasMessageContaining("2 trailing bytes");
        byte[] v3 = bytes.clone();
        v3[0] = 3;
        assertThatThrownBy(() -> MergedWindowCodec.INSTANCE.decode(v3)).isInstanceOf(RecordFormatException.class)
                .hasMessageContaining("version 3 is not supported (reads 1 and 2)")
                .extracting(e -> ((RecordFormatException) e).reason())
                .isEqualTo(RecordFormatException.UNKNOWN_SCHEMA_VERSION);
        byte[] badLength = bytes.clone();
        badLength[1] = 0x7f; // the model's length
        assertThatThrownBy(() -> MergedWindowCodec.INSTANCE.decode(badLength)).isInstanceOf(
                RecordFormatException.class).hasMessageContaining("bad length of model");
        assertThatThrownBy(() -> MergedWindowCodec.INSTANCE.decode("not a window".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordFormatException.class);
    }

    @Test
    void anUndecodableProfileIsAFormatErrorWhenUsed() {
        String bad = new String(MergedWindowJson.encode(sample()), StandardCharsets.UTF_8)
                .replaceFirst("\"profile\":\"[^\"]*\"", "\"profile\":\"AAAA\"");
        MergedWindow w = MergedWindowCodec.INSTANCE.decode(bad.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(w::profiles).isInstanceOf(RecordFormatException.class).hasMessageContaining("profile");
        MergedWindow.Feature x = sample().features().get("x");
        MergedWindow broken = new MergedWindow("iris", 0, 1, 1, 1, 1, Map.of("x", new MergedWindow.Feature(x.type(),
                x.count(), x.present(), x.missing(), x.typeMismatches(), x.mean(), x.stdDev(), x.min(), x.max(),
                new byte[] {1, 2, 3})), Map.of());
        MergedWindow back = MergedWindowCodec.INSTANCE.decode(MergedWindowCodec.INSTANCE.encode(broken));
        assertThatThrownBy(back::profiles).isInstanceOf(RecordFormatException.class).hasMessageContaining("profile");
    }
}
