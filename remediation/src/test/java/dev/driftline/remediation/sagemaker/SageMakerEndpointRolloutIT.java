package dev.driftline.remediation.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.remediation.sagemaker.SageMakerEndpointSettings.Mode;
import dev.driftline.remediation.world.RolloutPlan;
import dev.driftline.remediation.world.RolloutProgress;
import dev.driftline.remediation.world.RolloutProgress.Phase;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Canary rollouts on a moto_server endpoint. UpdateEndpoint and its blue/green auto-rollback come from the testkit's
 * moto extension: an update stays Updating for the set number of DescribeEndpoint calls, then serves the new config.
 */
@WithMoto
class SageMakerEndpointRolloutIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/serve";
    private MotoServer moto;
    private SageMakerClient sm;
    private CloudWatchClient cw;

    @BeforeEach
    void servingEndpoint(MotoServer moto) {
        this.moto = moto;
        sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        cw = moto.closeWithServer(moto.configure(CloudWatchClient.builder()).build());
        sm.createModel(b -> b.modelName("churn-v1").executionRoleArn(ROLE)
                .primaryContainer(c -> c.image("1.dkr.ecr/churn-serve:1").modelDataUrl("s3://models/v1/model.tar.gz")));
        sm.createEndpointConfig(b -> b.endpointConfigName("churn-v1-config").productionVariants(v -> v
                .variantName("AllTraffic").modelName("churn-v1").instanceType("ml.m5.large").initialInstanceCount(1)
                .initialVariantWeight(1f)));
        sm.createEndpoint(b -> b.endpointName("churn").endpointConfigName("churn-v1-config"));
        moto.post("/moto-api/x/sagemaker/endpoint", "{\"updating_polls\": 2}");
        cw.putMetricAlarm(b -> b.alarmName("churn-5xx").namespace("AWS/SageMaker").metricName("Invocation5XXErrors")
                .statistic(software.amazon.awssdk.services.cloudwatch.model.Statistic.SUM).period(60)
                .evaluationPeriods(1).threshold(1.0)
                .comparisonOperator("GreaterThanThreshold"));
    }

    private SageMakerEndpointRollout rollout(Mode mode, List<String> alarms) {
        return new SageMakerEndpointRollout(sm, cw, new SageMakerEndpointSettings(Optional.empty(), ROLE,
                "1.dkr.ecr/churn-serve:1", Optional.empty(), Optional.empty(), mode, alarms, Duration.ofMinutes(5),
                Duration.ofMinutes(1)));
    }

    private DescribeEndpointResponse endpoint() {
        return sm.describeEndpoint(b -> b.endpointName("churn"));
    }

    private Map<String, Float> weights() {
        Map<String, Float> w = new LinkedHashMap<>();
        endpoint().productionVariants().forEach(v -> w.put(v.variantName(), v.currentWeight()));
        return w;
    }

    /** Polls progress until it is no longer settling (at most 10 polls); every phase seen. */
    private List<RolloutProgress> settle(SageMakerEndpointRollout r, RolloutPlan plan) {
        List<RolloutProgress> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RolloutProgress p = r.progress(plan);
            seen.add(p);
            if (p.phase() != Phase.SETTLING) {
                break;
            }
        }
        return seen;
    }

    @Test
    void variantsTenThenFiftyThenPromote() {
        SageMakerEndpointRollout r = rollout(Mode.VARIANTS, List.of("churn-5xx"));
        String previous = r.currentSpec("churn");
        assertThat(previous).contains("\"endpoint_config\":\"churn-v1-config\"").contains("\"model\":\"churn-v1\"");
        RolloutPlan plan = new RolloutPlan("e1", "churn", "s3://models/e1/model.tar.gz", "v2", previous);

        r.shift(plan, 10);
        r.shift(plan, 10); // repeated while the endpoint updates: nothing new
        List<RolloutProgress> first = settle(r, plan);
        assertThat(first).extracting(RolloutProgress::phase).contains(Phase.SETTLING).last().isEqualTo(Phase.READY);
        assertThat(endpoint().endpointConfigName()).isEqualTo("churn-e1-canary");
        assertThat(weights()).isEqualTo(Map.of("stable", 90f, "v2", 10f));
        var model = sm.describeModel(b -> b.modelName("e1-candidate"));
        assertThat(model.primaryContainer().modelDataUrl()).isEqualTo("s3://models/e1/model.tar.gz");
        var canary = sm.describeEndpointConfig(b -> b.endpointConfigName("churn-e1-canary")).productionVariants();
        assertThat(canary).extracting(v -> v.variantName() + ":" + v.modelName())
                .containsExactly("stable:churn-v1", "v2:e1-candidate");

        r.shift(plan, 50);
        r.shift(plan, 50);
        assertThat(settle(r, plan)).last().extracting(RolloutProgress::phase).isEqualTo(Phase.READY);
        assertThat(weights()).isEqualTo(Map.of("stable", 50f, "v2", 50f));

        r.promote(plan);
        r.promote(plan);
        assertThat(settle(r, plan)).last().extracting(RolloutProgress::phase).isEqualTo(Phase.READY);
        assertThat(endpoint().endpointConfigName()).isEqualTo("churn-e1-final");
        assertThat(weights()).isEqualTo(Map.of("v2", 1f));
        r.promote(plan); // after it settled: still nothing new
        assertThat(endpoint().endpointStatusAsString()).isEqualTo("InService");
        assertThat(sm.listEndpointConfigs(b -> b.maxResults(100)).endpointConfigs()).hasSize(3);
        assertThat(sm.listModels(b -> b.maxResults(100)).models()).hasSize(2);
    }

    @Test
    void rollbackRestoresThePreviousConfig() {
        SageMakerEndpointRollout r = rollout(Mode.VARIANTS, List.of());
        RolloutPlan plan = new RolloutPlan("e2", "churn", "s3://models/e2/model.tar.gz", null, r.currentSpec("churn"));
        r.shift(plan, 10);
        assertThat(settle(r, plan)).last().extracting(RolloutProgress::phase).isEqualTo(Phase.READY);
        assertThat(weights()).isEqualTo(Map.of("stable", 90f, "candidate", 10f));

        r.rollback(plan, "accuracy fell");
        r.rollback(plan, "accuracy fell"); // the update to the old config is on its way: nothing new
        for (int i = 0; i < 5 && !endpoint().endpointStatusAsString().equals("InService"); i++) {
            continue; // each DescribeEndpoint is one poll; the extension ends the update after the set number
        }
        assertThat(endpoint().endpointConfigName()).isEqualTo("churn-v1-config");
        assertThat(weights()).isEqualTo(Map.of("AllTraffic", 1f));
        r.rollback(plan, "accuracy fell");
        assertThat(endpoint().endpointStatusAsString()).isEqualTo("InService");
        assertThat(endpoint().endpointConfigName()).isEqualTo("churn-v1-config");
    }

    @Test
    void anAlarmInAlarmFailsTheRollout() {
        SageMakerEndpointRollout r = rollout(Mode.VARIANTS, List.of("churn-5xx"));
        RolloutPlan plan = new RolloutPlan("e3", "churn", "s3://models/e3/model.tar.gz", "v3", r.currentSpec("churn"));
        r.shift(plan, 10);
        assertThat(settle(r, plan)).last().extracting(RolloutProgress::phase).isEqualTo(Phase.READY);

        cw.setAlarmState(b -> b.alarmName("churn-5xx").stateValue("ALARM").stateReason("5xx on v3"));

        RolloutProgress p = r.progress(plan);
        assertThat(p.phase()).isEqualTo(Phase.FAILED);
        assertThat(p.detail()).contains("churn-5xx");
    }

    @Test
    void blueGreenRollsOutThroughSageMakersOwnCanary() {
        SageMakerEndpointRollout r = rollout(Mode.BLUE_GREEN, List.of("churn-5xx"));
        RolloutPlan plan = new RolloutPlan("e4", "churn", "s3://models/e4/model.tar.gz", "v4", r.currentSpec("churn"));
        r.shift(plan, 10);
        r.shift(plan, 50); // SageMaker moves the traffic itself: later steps change nothing
        var deployment = endpoint().lastDeploymentConfig();
        assertThat(deployment.blueGreenUpdatePolicy().trafficRoutingConfiguration().canarySize().value())
                .isEqualTo(10);
        assertThat(deployment.autoRollbackConfiguration().alarms()).extracting(a -> a.alarmName())
                .containsExactly("churn-5xx");
        assertThat(settle(r, plan)).last().extracting(RolloutProgress::phase).isEqualTo(Phase.READY);
        r.promote(plan);
        assertThat(endpoint().endpointConfigName()).isEqualTo("churn-e4-final");
        assertThat(weights()).isEqualTo(Map.of("v4", 1f));
    }

    @Test
    void blueGreenAlarmMakesSageMakerRollBack() {
        moto.post("/moto-api/x/sagemaker/endpoint", "{\"updating_polls\": 5}");
        SageMakerEndpointRollout r = rollout(Mode.BLUE_GREEN, List.of("churn-5xx"));
        RolloutPlan plan = new RolloutPlan("e5", "churn", "s3://models/e5/model.tar.gz", "v5", r.currentSpec("churn"));
        r.shift(plan, 10);
        assertThat(r.progress(plan).phase()).isEqualTo(Phase.SETTLING);

        cw.setAlarmState(b -> b.alarmName("churn-5xx").stateValue("ALARM").stateReason("5xx on v5"));

        assertThat(endpoint().endpointStatusAsString()).isEqualTo("RollingBack");
        assertThat(r.progress(plan).phase()).isEqualTo(Phase.FAILED);
        DescribeEndpointResponse after = endpoint();
        assertThat(after.endpointStatusAsString()).isEqualTo("InService");
        assertThat(after.endpointConfigName()).isEqualTo("churn-v1-config");
        assertThat(after.failureReason()).contains("churn-5xx");

        cw.setAlarmState(b -> b.alarmName("churn-5xx").stateValue("OK").stateReason("quiet again"));
        RolloutProgress p = r.progress(plan);
        assertThat(p.phase()).as("rolled back by SageMaker, alarm quiet again").isEqualTo(Phase.FAILED);
        assertThat(p.detail()).contains("churn-5xx");
        r.rollback(plan, "alarm");
        assertThat(endpoint().endpointConfigName()).isEqualTo("churn-v1-config");
        assertThat(endpoint().endpointStatusAsString()).isEqualTo("InService");
    }
}
