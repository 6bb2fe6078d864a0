package dev.driftline.remediation.world;

import java.util.Objects;

/**
 * One notification: an alert opening or resolving, or an episode transition.
 *
 * @param dedupeKey the same for a repeat of the same fact (alert id + state, event id): sent once
 * @param model     SNS message attribute {@code model}
 * @param kind      SNS message attribute {@code kind}: the alert kind, or {@code remediation}
 * @param state     SNS message attribute {@code state}: {@code open}/{@code resolved}, or the episode state
 * @param subject   one line
 * @param message   the text
 */
public record Notification(String dedupeKey, String model, String kind, String state, String subject,
                           String message) {
    public Notification {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
    }
}
