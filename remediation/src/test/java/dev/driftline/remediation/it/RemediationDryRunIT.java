package dev.driftline.remediation.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.service.DryRun;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.wiring.WorldClients;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Acceptance 8: {@code --dry-run} over the alerts the demo produces (wine drifting on several features with dataset
 * drift) prints the exact calls of the SageMaker path and makes none: moto holds no training job, package group,
 * model or endpoint config afterwards, and nothing is written to the remediation topics.
 */
@WithKafka
@WithMoto
@org.junit.jupiter.api.extension.ExtendWith(dev.driftline.testkit.AwsDefaultChainCredentials.class)
class RemediationDryRunIT {

    @Test
    void printsTheCallsAndMakesNone(KafkaBroker broker, MotoServer moto, @TempDir Path tmp) throws Exception {
        RemediationItSupport it = new RemediationItSupport(broker);
        RemediationSageMakerIT.world(moto, "dry");
        long t0 = System.currentTimeMillis() - 3_600_000;
        for (String feature : new String[] {"alcohol", "flavanoids", "color_intensity", "proline"}) {
            it.produce(it.topics.alerts, "wine", Alerts.open("wine", "data_drift", feature, t0, true));
        }
        it.produce(it.topics.alerts, "stable", Alerts.open("stable", "data_drift", "alcohol", t0, false));
        String policy = RemediationSageMakerIT.policy("arn:aws:sns:us-east-1:123456789012:dry")
                .replace("s3://training/churn/", "s3://training/churn/");
        RemediationSettings settings = it.settings(RemediationItSupport.policy(policy), tmp, moto.endpoint().toString(),
                moto.region().id(), null);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try (WorldClients clients = new WorldClients(moto.endpoint().toString(), moto.region().id(), null,
                Clock.systemUTC()); PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            code = DryRun.run(settings, clients, out);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(code).isZero();
        assertThat(printed).contains("dry run: read 5 alert, drift and model-quality records")
                .contains("wine-").contains("TRIGGERED").contains("data_drift alert open with dataset drift")
                .contains("would call SageMaker.CreateTrainingJob CreateTrainingJobRequest(TrainingJobName=wine-")
                .contains("RoleArn=arn:aws:iam::123456789012:role/driftline-training")
                .contains("S3Uri=s3://training/churn/")
                .contains("would call SageMaker.CreateModelPackageGroup CreateModelPackageGroupRequest("
                        + "ModelPackageGroupName=wine")
                .contains("AWAITING_APPROVAL")
                .contains("dry run: 1 episode(s) would start;")
                .doesNotContain("stable-");
        SageMakerClient sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        assertThat(sm.listTrainingJobs(b -> b.maxResults(100)).trainingJobSummaries()).isEmpty();
        assertThat(sm.listModelPackageGroups(b -> b.maxResults(100)).modelPackageGroupSummaryList()).isEmpty();
        assertThat(sm.listModels(b -> b.maxResults(100)).models()).extracting(m -> m.modelName())
                .containsExactly("churn-v1");
        assertThat(sm.listEndpointConfigs(b -> b.maxResults(100)).endpointConfigs()).hasSize(1);
        assertThat(broker.readAll(it.topics.remediationEpisodes.name())).isEmpty();
        assertThat(broker.readAll(it.topics.remediationEvents.name())).isEmpty();
        Set<String> groups = broker.admin().listConsumerGroups().all().get().stream()
                .map(g -> g.groupId()).collect(java.util.stream.Collectors.toSet());
        assertThat(groups).noneMatch(g -> g.contains(it.prefix));
    }
}
