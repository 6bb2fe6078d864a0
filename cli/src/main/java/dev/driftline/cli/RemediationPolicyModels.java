package dev.driftline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.config.Config;
import dev.driftline.config.UserInputException;
import dev.driftline.remediation.service.RemediationKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model names under {@code models:} in the policy file, for the start-up line and to wire each model's adapters
 * before the service runs. Read here because {@code RemediationPolicy} does not list them (it only answers per
 * model); {@code RemediationSettings.from} has already validated the file when this runs.
 */
final class RemediationPolicyModels {
    private RemediationPolicyModels() {
    }

    static List<String> named(Config config) {
        Optional<Path> file = config.find(RemediationKeys.POLICY);
        if (file.isEmpty()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.get().toFile());
        } catch (IOException e) {
            throw new UserInputException(file.get() + ": not YAML or JSON: " + e.getMessage());
        }
        List<String> models = new ArrayList<>();
        JsonNode m = root == null ? null : root.get("models");
        if (m != null && m.isObject()) {
            m.fieldNames().forEachRemaining(models::add);
        }
        return models;
    }
}
