package dev.driftline.remediation.sagemaker;

import dev.driftline.remediation.policy.PolicySection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@link SageMakerModelRegistry} registers candidates.
 *
 * @param image             {@code image} (required): the inference image of the package's container
 * @param groupTags         {@code group-tags}: tags of a package group driftline creates (e.g. Team, Environment)
 * @param groupDescription  {@code group-description}, default {@code "<model>, registered by driftline"}
 * @param contentTypes      {@code content-types}, default {@code [text/csv, application/json]}
 * @param responseTypes     {@code response-types}, default {@code [text/csv, application/json]}
 */
public record SageMakerRegistrySettings(String image, Map<String, String> groupTags, String groupDescription,
                                        List<String> contentTypes, List<String> responseTypes) {
    static final Set<String> KEYS = Set.of("image", "group-tags", "group-description", "content-types",
            "response-types");
    private static final List<String> DEFAULT_TYPES = List.of("text/csv", "application/json");

    public SageMakerRegistrySettings {
        groupTags = Map.copyOf(groupTags);
        contentTypes = List.copyOf(contentTypes);
        responseTypes = List.copyOf(responseTypes);
    }

    public static SageMakerRegistrySettings from(PolicySection s) {
        s.onlyKeys(KEYS);
        List<String> content = s.textList("content-types", DEFAULT_TYPES);
        if (content.isEmpty()) {
            throw s.error("content-types", "must name at least one content type");
        }
        List<String> response = s.textList("response-types", DEFAULT_TYPES);
        if (response.isEmpty()) {
            throw s.error("response-types", "must name at least one response type");
        }
        return new SageMakerRegistrySettings(s.requiredText("image"), s.textMap("group-tags"),
                s.optText("group-description").orElse(null), content, response);
    }
}
