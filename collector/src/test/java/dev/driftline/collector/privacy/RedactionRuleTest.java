package dev.driftline.collector.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactionRuleTest {
    @Test
    void nameInBothListsIsRefused() {
        assertThatThrownBy(() -> new RedactionRule(Set.of("ssn", "name"), Set.of("ssn")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ssn'")
                .hasMessageContaining("both drop and hash");
    }

    @Test
    void touchesAndIsEmpty() {
        RedactionRule r = new RedactionRule(Set.of("ssn"), Set.of("city"));
        assertThat(r.isEmpty()).isFalse();
        assertThat(r.touches("ssn")).isTrue();
        assertThat(r.touches("city")).isTrue();
        assertThat(r.touches("age")).isFalse();
        assertThat(new RedactionRule(Set.of(), Set.of()).isEmpty()).isTrue();
        assertThat(new RedactionRule(Set.of(), Set.of("x")).isEmpty()).isFalse();
    }

    @Test
    void setsAreCopied() {
        Set<String> drop = new HashSet<>(Set.of("ssn"));
        RedactionRule r = new RedactionRule(drop, Set.of());
        drop.add("age");
        assertThat(r.touches("age")).isFalse();
        assertThatThrownBy(() -> r.drop().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
