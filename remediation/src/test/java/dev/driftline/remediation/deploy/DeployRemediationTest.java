package dev.driftline.remediation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/remediation (IAM) and deploy/kubernetes/base/remediation.yaml stay least-privilege: the IAM policy has no wildcard actions and passes only the training
 * role, only to SageMaker; the Kubernetes Role only gets and patches InferenceServices.
 */
class DeployRemediationTest {
    private static final Path DIR = Path.of("..", "deploy", "remediation");
    /** The manifests are part of the kustomize base (deploy/kubernetes/base); the IAM policy stays in DIR. */
    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes", "base", "remediation.yaml");

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (!n.isMissingNode()) {
            out.add(n.asText());
        }
        return out;
    }

    @Test
    void iamPolicyPassesOnlyTheTrainingRoleToSageMakerAndHasNoWildcardAction() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(DIR.resolve("iam-policy.json").toFile());
        Set<String> actions = new HashSet<>();
        int passRoleStatements = 0;
        for (JsonNode st : policy.get("Statement")) {
            assertThat(st.get("Effect").asText()).isEqualTo("Allow");
            assertThat(st.has("NotAction")).as("NotAction would grant everything else").isFalse();
            assertThat(st.has("NotResource")).isFalse();
            List<String> a = texts(st.get("Action"));
            actions.addAll(a);
            if (a.contains("iam:PassRole")) {
                passRoleStatements++;
                assertThat(a).as("PassRole alone in its statement").containsExactly("iam:PassRole");
                assertThat(texts(st.get("Resource"))).containsExactly("${TrainingRoleArn}");
                assertThat(st.path("Condition").path("StringEquals").path("iam:PassedToService").asText())
                        .isEqualTo("sagemaker.amazonaws.com");
            }
            if (texts(st.get("Resource")).contains("*")) {
                assertThat(a).as(st.get("Sid") + ": only calls without resource-level permissions on *")
                        .allMatch(x -> x.startsWith("sagemaker:List"));
            }
        }
        assertThat(passRoleStatements).isEqualTo(1);
        assertThat(actions).noneMatch(x -> x.equals("*") || x.endsWith(":*") || x.contains("*"));
        assertThat(actions).contains("sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob",
                "sagemaker:StopTrainingJob", "sagemaker:ListTrainingJobs", "sagemaker:StartPipelineExecution",
                "sagemaker:DescribePipelineExecution", "sagemaker:ListPipelineExecutions",
                "sagemaker:ListPipelineExecutionSteps", "sagemaker:CreateModelPackageGroup",
                "sagemaker:DescribeModelPackageGroup", "sagemaker:ListModelPackageGroups",
                "sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages",
                "sagemaker:UpdateModelPackage", "sagemaker:CreateModel", "sagemaker:DescribeModel",
                "sagemaker:CreateEndpointConfig", "sagemaker:DescribeEndpointConfig", "sagemaker:DescribeEndpoint",
                "sagemaker:UpdateEndpoint", "sagemaker:UpdateEndpointWeightsAndCapacities", "sagemaker:AddTags",
                "cloudwatch:DescribeAlarms", "sns:Publish", "s3:GetObject", "s3:PutObject", "s3:ListBucket",
                "athena:StartQueryExecution", "glue:GetTable");
        assertThat(actions).noneMatch(x -> x.startsWith("sagemaker:Delete") || x.startsWith("s3:Delete")
                || x.startsWith("iam:") && !x.equals("iam:PassRole"));
    }

    private static List<JsonNode> manifests() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(MANIFESTS.toFile())) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }

    @Test
    void roleMayOnlyGetAndPatchInferenceServices() throws Exception {
        List<JsonNode> docs = manifests();
        List<JsonNode> roles = docs.stream().filter(d -> d.path("kind").asText().equals("Role")).toList();
        assertThat(roles).isNotEmpty();
        assertThat(docs).noneMatch(d -> d.path("kind").asText().equals("ClusterRole"));
        for (JsonNode role : roles) {
            assertThat(role.path("rules")).hasSize(1);
            JsonNode rule = role.path("rules").get(0);
            assertThat(texts(rule.path("apiGroups"))).containsExactly("serving.kserve.io");
            assertThat(texts(rule.path("resources"))).containsExactly("inferenceservices");
            assertThat(texts(rule.path("verbs"))).containsExactlyInAnyOrder("get", "patch");
            assertThat(rule.has("resourceNames") || rule.has("nonResourceURLs")).isFalse();
            String ns = role.path("metadata").path("namespace").asText();
            assertThat(docs).as("a RoleBinding for the Role in " + ns).anyMatch(d ->
                    d.path("kind").asText().equals("RoleBinding")
                            && d.path("metadata").path("namespace").asText().equals(ns)
                            && d.path("roleRef").path("kind").asText().equals("Role")
                            && d.path("roleRef").path("name").asText().equals(role.path("metadata").path("name").asText())
                            && d.path("subjects").get(0).path("name").asText().equals("driftline-remediation"));
        }
    }

    @Test
    void deploymentRunsTheRemediationCommandWithProbesOnTheMetricsPort() throws Exception {
        JsonNode deployment = manifests().stream().filter(d -> d.path("kind").asText().equals("Deployment"))
                .findFirst().orElseThrow();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo("driftline-remediation");
        JsonNode c = pod.path("containers").get(0);
        assertThat(c.path("image").asText()).isEqualTo("driftline:latest");
        assertThat(texts(c.path("args"))).containsExactly("remediation");
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(c.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("metrics");
        assertThat(c.path("ports").get(0).path("name").asText()).isEqualTo("metrics");
        List<String> env = new ArrayList<>();
        c.path("env").forEach(e -> env.add(e.path("name").asText()));
        assertThat(env).allMatch(n -> n.startsWith("DRIFTLINE_") || n.startsWith("KAFKA_") || n.startsWith("AWS_")
                || n.equals("ROLLOUT_WEBHOOK_TOKEN") || n.equals("SLACK_WEBHOOK_URL") || n.equals("JAVA_TOOL_OPTIONS"));
        // a read-only root filesystem: the state directory and /tmp must be writable volumes
        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        List<String> writable = new ArrayList<>();
        c.path("volumeMounts").forEach(m -> {
            if (!m.path("readOnly").asBoolean(false)) {
                writable.add(m.path("mountPath").asText());
            }
        });
        String stateDir = null;
        for (JsonNode e : c.path("env")) {
            if (e.path("name").asText().equals("DRIFTLINE_REMEDIATION_STATE_DIR")) {
                stateDir = e.path("value").asText();
            }
        }
        assertThat(stateDir).as("remediation.state-dir set").isNotNull();
        String state = stateDir;
        assertThat(writable).anyMatch(state::startsWith).contains("/tmp");
        c.path("env").forEach(e -> assertThat(e.has("value") && (e.path("name").asText().contains("TOKEN")
                || e.path("name").asText().contains("SLACK"))).as("secrets come from a Secret").isFalse());
    }
}
