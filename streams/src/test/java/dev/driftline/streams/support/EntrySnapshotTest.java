package dev.driftline.streams.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EntrySnapshotTest {
    @Test
    void entriesKeepTheirKeyAndValueWhileTheLoopRemovesEveryOtherOne() {
        TreeMap<Integer, String> map = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            map.put(i, "v" + i);
        }
        List<String> seen = new ArrayList<>();
        for (Map.Entry<Integer, String> e : EntrySnapshot.of(map)) {
            if (e.getKey() % 2 == 1) {
                map.remove(e.getKey()); // an inner node: the tree moves its successor into it
            }
            seen.add(e.getKey() + "=" + e.getValue()); // read after the removal, as the processors do
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i + "=v" + i);
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(map).hasSize(50).allSatisfy((k, v) -> assertThat(k % 2).isZero());
    }
}
