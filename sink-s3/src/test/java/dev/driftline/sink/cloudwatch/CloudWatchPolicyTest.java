package dev.driftline.sink.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code deploy/iam/driftline-cloudwatch-policy.json} allows what the publisher and the alarms command call. */
class CloudWatchPolicyTest {
    private static final Path POLICY = Path.of("..", "deploy", "iam", "driftline-cloudwatch-policy.json");

    @Test
    void policyAllowsTheCallsAndLimitsPutMetricDataToTheDefaultNamespaces() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(POLICY.toFile());
        List<String> actions = new ArrayList<>();
        JsonNode put = null;
        for (JsonNode s : policy.get("Statement")) {
            assertThat(s.get("Effect").asText()).isEqualTo("Allow");
            for (JsonNode a : s.get("Action")) {
                actions.add(a.asText());
                if (a.asText().equals("cloudwatch:PutMetricData")) {
                    put = s;
                }
            }
        }
        assertThat(actions).containsExactlyInAnyOrder("cloudwatch:PutMetricData", "cloudwatch:PutMetricAlarm",
                "cloudwatch:DescribeAlarms");
        Config defaults = Config.builder(CloudWatchKeys.ALL).build();
        List<String> namespaces = new ArrayList<>();
        put.at("/Condition/StringEquals/cloudwatch:namespace").forEach(n -> namespaces.add(n.asText()));
        assertThat(namespaces).containsExactlyInAnyOrder(defaults.get(CloudWatchKeys.DATA_NAMESPACE),
                defaults.get(CloudWatchKeys.QUALITY_NAMESPACE));
    }
}
