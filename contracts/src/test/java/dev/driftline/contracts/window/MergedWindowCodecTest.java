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
        byte[] json = MergedWindowCodec.INSTANCE.encode(w);
        MergedWindow back = MergedWindowCodec.INSTANCE.decode(json);
        assertThat(back.model()).isEqualTo("iris");
        assertThat(back.partials()).isEqualTo(3);
        assertThat(back.untypedMissing()).containsEntry("note", 12L);
        assertThat(back.features().get("x").mean()).isEqualTo(24.75);
        assertThat(back.features().get("prediction:y").mean()).isNull();
        assertThat(ProfileCodec.toBytes(back.profiles().get("x"))).isEqualTo(w.features().get("x").profileBytes());
        assertThat(MergedWindowCodec.INSTANCE.encode(back)).isEqualTo(json);
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"schema_version\":1,\"model\":\"iris\",\"window_start\":\"1970-01-01T00:00:00Z\","
                + "\"window_end\":\"1970-01-01T00:05:00Z\",\"revision\":1,\"rows\":100,\"partials\":3,\"features\":{"
                + "\"prediction:y\":{\"type\":\"string\",\"count\":2,\"present\":2,\"missing\":0,"
                + "\"type_mismatches\":0,\"profile\":\"");
        assertThat(text).contains("\"x\":{\"type\":\"fractional\",\"count\":100,\"present\":100,\"missing\":0,"
                + "\"type_mismatches\":0,\"mean\":24.75,");
        assertThat(text).endsWith("\"untyped_missing\":{\"note\":12}}");
        for (String feature : List.of("x", "prediction:y")) { // the profile is standard, padded base64 of its bytes
            assertThat(text).contains("\"profile\":\"" + Base64.getEncoder().encodeToString(
                    w.features().get(feature).profileBytes()) + "\"");
        }
    }

    @Test
    void anUndecodableProfileIsAFormatErrorWhenUsed() {
        String bad = new String(MergedWindowCodec.INSTANCE.encode(sample()), StandardCharsets.UTF_8)
                .replaceFirst("\"profile\":\"[^\"]*\"", "\"profile\":\"AAAA\"");
        MergedWindow w = MergedWindowCodec.INSTANCE.decode(bad.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(w::profiles).isInstanceOf(RecordFormatException.class).hasMessageContaining("profile");
    }
}
