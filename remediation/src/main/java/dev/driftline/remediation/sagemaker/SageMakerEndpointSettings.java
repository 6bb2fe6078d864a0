package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.policy.PolicySection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link SageMakerEndpointRollout} moves a SageMaker endpoint's traffic.
 *
 * @param endpoint         {@code endpoint}: the endpoint's name; default the model's name
 * @param roleArn          {@code role-arn} (required): the execution role of the candidate's SageMaker model
 * @param image            {@code image} (required): the inference image of the candidate's model
 * @param instanceType     {@code instance-type}: the candidate variant's; default the serving variant's
 * @param instanceCount    {@code instance-count}: the candidate variant's; default the serving variant's
 * @param mode             {@code mode}: {@code variants} (default; driftline moves weights step by step between a
 *                         {@code stable} and a candidate variant) or {@code blue-green} (SageMaker's own canary
 *                         deployment with alarm-driven auto-rollback; driftline starts it and watches)
 * @param alarms           {@code alarms}: CloudWatch alarm names; one in ALARM fails the rollout (and, in
 *                         blue-green mode, makes SageMaker roll back)
 * @param canaryWait       {@code canary-wait}, default {@code 10m}: blue-green, how long the canary bakes
 * @param terminationWait  {@code termination-wait}, default {@code 5m}: blue-green, how long the old fleet stays
 */
public record SageMakerEndpointSettings(Optional<String> endpoint, String roleArn, String image,
                                        Optional<String> instanceType, Optional<Integer> instanceCount, Mode mode,
                                        List<String> alarms, Duration canaryWait, Duration terminationWait) {
    public enum Mode { VARIANTS, BLUE_GREEN }

    static final Set<String> KEYS = Set.of("endpoint", "role-arn", "image", "instance-type", "instance-count", "mode",
            "alarms", "canary-wait", "termination-wait");

    public SageMakerEndpointSettings {
        alarms = List.copyOf(alarms);
    }

    public static SageMakerEndpointSettings from(PolicySection s) {
        s.onlyKeys(KEYS);
        Optional<Integer> count = s.has("instance-count") ? Optional.of(s.integer("instance-count", 1))
                : Optional.empty();
        if (count.isPresent() && count.get() < 1) {
            throw s.error("instance-count", "must be at least 1, got " + count.get());
        }
        String mode = s.text("mode", "variants");
        Mode m = switch (mode) {
            case "variants" -> Mode.VARIANTS;
            case "blue-green" -> Mode.BLUE_GREEN;
            default -> throw s.error("mode", "must be variants or blue-green, got " + mode);
        };
        return new SageMakerEndpointSettings(s.optText("endpoint"), s.requiredText("role-arn"),
                s.requiredText("image"), s.optText("instance-type"), count, m, s.textList("alarms", List.of()),
                s.duration("canary-wait", Duration.ofMinutes(10)), s.duration("termination-wait",
                Duration.ofMinutes(5)));
    }

    String endpointFor(String model) {
        return endpoint.orElse(model);
    }
}
