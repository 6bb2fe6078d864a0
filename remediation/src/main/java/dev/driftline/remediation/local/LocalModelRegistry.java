package dev.driftline.remediation.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.remediation.policy.PolicySection;
import dev.driftline.remediation.world.ApprovalStatus;
import dev.driftline.remediation.world.Candidate;
import dev.driftline.remediation.world.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The file-backed model registry of the embedded default: one JSON file per model group
 * ({@code <dir>/<model>.json}), packages numbered 1, 2, … like SageMaker's versions, each with its episode id,
 * artifact, metrics and approval status ({@code Approved}, {@code Rejected}, {@code PendingManualApproval}). A
 * person may approve by editing the status in the file, as in SageMaker's console. Policy key
 * {@code registry.local.dir} (default {@code remediation-registry}). Writes replace the file atomically.
 */
public final class LocalModelRegistry implements ModelRegistry {
    private static final Set<String> KEYS = Set.of("dir");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;
    private final Clock clock;

    public LocalModelRegistry(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public static LocalModelRegistry from(PolicySection registry, Clock clock) {
        PolicySection s = registry.section("local").onlyKeys(KEYS);
        return new LocalModelRegistry(Path.of(s.text("dir", "remediation-registry")), clock);
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public synchronized String register(Candidate c) {
        ObjectNode group = read(c.model());
        ArrayNode packages = (ArrayNode) group.get("packages");
        for (JsonNode p : packages) {
            if (c.episodeId().equals(p.path("episode_id").asText())) {
                return ref(c.model(), p.path("version").asInt());
            }
        }
        int version = packages.size() + 1;
        ObjectNode p = packages.addObject();
        p.put("version", version);
        p.put("episode_id", c.episodeId());
        p.put("artifact", c.artifact());
        c.metrics().forEach(p.putObject("metrics")::put);
        p.put("status", ApprovalStatus.PENDING.sageMakerName());
        p.put("description", "");
        p.put("created_at", Instant.ofEpochMilli(clock.millis()).toString());
        write(c.model(), group);
        return ref(c.model(), version);
    }

    @Override
    public synchronized ApprovalStatus status(String packageRef) {
        return ApprovalStatus.ofSageMaker(find(packageRef).path("status").asText());
    }

    @Override
    public synchronized void decide(String packageRef, ApprovalStatus status, String reason) {
        String model = model(packageRef);
        ObjectNode group = read(model);
        ObjectNode p = find(group, packageRef);
        p.put("status", status.sageMakerName());
        p.put("description", reason);
        write(model, group);
    }

    private JsonNode find(String packageRef) {
        return find(read(model(packageRef)), packageRef);
    }

    private static ObjectNode find(ObjectNode group, String packageRef) {
        int version = Integer.parseInt(packageRef.substring(packageRef.lastIndexOf('/') + 1));
        for (JsonNode p : group.get("packages")) {
            if (p.path("version").asInt() == version) {
                return (ObjectNode) p;
            }
        }
        throw new IllegalArgumentException("no package " + packageRef + " in the local registry");
    }

    private static String ref(String model, int version) {
        return model + "/" + version;
    }

    private static String model(String packageRef) {
        int slash = packageRef.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a local registry reference (model/version): " + packageRef);
        }
        return packageRef.substring(0, slash);
    }

    private ObjectNode read(String model) {
        Path file = dir.resolve(model + ".json");
        try {
            if (Files.exists(file)) {
                return (ObjectNode) JSON.readTree(file.toFile());
            }
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("local registry file " + file + " is not readable: " + e.getMessage(), e);
        }
        ObjectNode group = JSON.createObjectNode();
        group.put("model_package_group", model);
        group.putArray("packages");
        return group;
    }

    private void write(String model, ObjectNode group) {
        Path file = dir.resolve(model + ".json");
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(model + ".json.tmp");
            JSON.writeValue(tmp.toFile(), group);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local registry file " + file, e);
        }
    }
}
