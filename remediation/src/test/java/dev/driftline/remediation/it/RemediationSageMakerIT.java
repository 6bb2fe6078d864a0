package dev.driftline.remediation.it;

import static dev.driftline.contracts.remediation.EpisodeState.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.remediation.Episode;
import dev.driftline.contracts.remediation.EpisodeEvent;
import dev.driftline.contracts.remediation.EpisodeState;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.remediation.Alerts;
import dev.driftline.remediation.service.RemediationService;
import dev.driftline.remediation.service.RemediationSettings;
import dev.driftline.remediation.wiring.PolicyWorlds;
import dev.driftline.remediation.wiring.WorldClients;
import dev.driftline.testkit.KafkaBroker;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithKafka;
import dev.driftline.testkit.WithMoto;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Acceptance 2, the SageMaker path end to end on a real broker and moto_server: a model-quality alert of churn on
 * the alerts topic → exactly one training job (name from the episode id) → one model package with its metrics →
 * approved by the accuracy ≥ 0.95 rule → endpoint canary 10 / 50 / 100 → promoted → a new baseline on the
 * baselines topic → episode DONE; every transition's SNS message read back from an SQS subscription.
 */
@WithKafka
@WithMoto
@org.junit.jupiter.api.extension.ExtendWith(dev.driftline.testkit.AwsDefaultChainCredentials.class)
class RemediationSageMakerIT {
    static final String ROLE = "arn:aws:iam::123456789012:role/driftline-training";
    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:latest";


    /** moto: training data, the serving endpoint, the SNS topic with an SQS queue subscribed; returns the queue URL. */
    static String world(MotoServer moto, String snsTopic) {
        var s3 = moto.s3();
        s3.createBucket(b -> b.bucket("training"));
        StringBuilder csv = new StringBuilder("tenure,charges,label\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i % 72).append(',').append(20 + i % 50).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        s3.putObject(b -> b.bucket("training").key("churn/train.csv"), RequestBody.fromString(csv.toString()));
        SageMakerClient sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        sm.createModel(b -> b.modelName("churn-v1").executionRoleArn(ROLE)
                .primaryContainer(c -> c.image(IMAGE).modelDataUrl("s3://models/churn/v1/model.tar.gz")));
        sm.createEndpointConfig(b -> b.endpointConfigName("churn-v1-config").productionVariants(v -> v
                .variantName("AllTraffic").modelName("churn-v1").instanceType("ml.m5.large").initialInstanceCount(1)
                .initialVariantWeight(1f)));
        sm.createEndpoint(b -> b.endpointName("churn").endpointConfigName("churn-v1-config"));
        moto.post("/moto-api/x/sagemaker/endpoint", "{\"updating_polls\": 2}");
        moto.post("/moto-api/x/sagemaker/training", "{\"in_progress_polls\": 3, \"final_metrics\": {\"accuracy\": 0.96, "
                + "\"f1\": 0.91}, \"artifact\": \"s3://models/churn/candidate/model.tar.gz\"}");
        SnsClient sns = moto.closeWithServer(moto.configure(SnsClient.builder()).build());
        SqsClient sqs = moto.closeWithServer(moto.configure(SqsClient.builder()).build());
        String topicArn = sns.createTopic(b -> b.name(snsTopic)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(snsTopic + "-q")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return queueUrl;
    }

    static String policy(String topicArn) {
        return """
                defaults:
                  trigger: {sustained-windows: 1}
                  data: {source: s3-prefix, prefix: "s3://training/churn/"}
                  training:
                    backend: sagemaker
                    sagemaker: {role-arn: "%1$s", image: "%2$s", output-path: "s3://models/churn/output/"}
                  registry:
                    kind: sagemaker
                    sagemaker: {image: "%2$s", group-tags: {Team: ml, Environment: prod}}
                  rollout:
                    target: sagemaker-endpoint
                    bake: 1s
                    sagemaker-endpoint: {role-arn: "%1$s", image: "%2$s"}
                  notify: {sns-topic-arn: "%3$s"}
                """.formatted(ROLE, IMAGE, topicArn);
    }

    static List<Message> drain(SqsClient sqs, String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
    }

    @Test
    void driftAlertToPromotedCandidateWithOneOfEverything(KafkaBroker broker, MotoServer moto, @TempDir Path state)
            throws Exception {
        RemediationItSupport it = new RemediationItSupport(broker);
        String queueUrl = world(moto, "driftline-remediation");
        String topicArn = "arn:aws:sns:" + moto.region().id() + ":123456789012:driftline-remediation";
        RemediationSettings settings = it.settings(RemediationItSupport.policy(policy(topicArn)), state,
                moto.endpoint().toString(), moto.region().id(), null);
        SageMakerClient sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (WorldClients clients = new WorldClients(moto.endpoint().toString(), moto.region().id(), null,
                Clock.systemUTC());
             RemediationService service = RemediationService.start(settings,
                     new PolicyWorlds(settings.policy(), clients), Clock.systemUTC(), meters)) {
            long t0 = java.time.Instant.now().minus(Duration.ofMinutes(30)).toEpochMilli();
            for (int i = 0; i < 3; i++) { // the alert stage may repeat itself: duplicates give one episode
                it.produce(it.topics.alerts, "churn", Alerts.quality("churn", t0));
            }
            Episode done = it.awaitEpisode("churn", e -> e.state().terminal(), Duration.ofMinutes(3), "ended");
            assertThat(done.state()).as("episode: %s", done).isEqualTo(DONE);

            List<EpisodeEvent> events = it.events("churn");
            assertThat(events).extracting(EpisodeEvent::to).containsExactly(TRIGGERED, PREPARING_DATA, TRAINING,
                    EVALUATING, REGISTERED, ROLLING_OUT, BAKING, ROLLING_OUT, BAKING, ROLLING_OUT, PROMOTED, DONE);
            assertThat(events.stream().filter(e -> e.to() == ROLLING_OUT).map(e -> e.data().path("percent").asInt()))
                    .containsExactly(10, 50, 100);

            // exactly one training job, named after the episode
            var jobs = sm.listTrainingJobs(b -> b.maxResults(100)).trainingJobSummaries();
            assertThat(jobs).hasSize(1);
            assertThat(jobs.get(0).trainingJobName()).isEqualTo(done.trainingJob())
                    .isEqualTo(done.id().toLowerCase(java.util.Locale.ROOT));
            // one model package with its metrics and the episode, approved by the rule
            var packages = sm.listModelPackages(b -> b.modelPackageGroupName("churn")).modelPackageSummaryList();
            assertThat(packages).hasSize(1);
            DescribeModelPackageResponse pkg = sm.describeModelPackage(b -> b.modelPackageName(
                    packages.get(0).modelPackageArn()));
            assertThat(pkg.modelApprovalStatusAsString()).isEqualTo("Approved");
            assertThat(pkg.customerMetadataProperties()).containsEntry("driftline:episode", done.id())
                    .containsEntry("driftline:metric:accuracy", "0.96");
            assertThat(done.decision()).isEqualTo("approved: accuracy 0.96 >= 0.95");
            // the endpoint serves the candidate alone
            var endpoint = sm.describeEndpoint(b -> b.endpointName("churn"));
            assertThat(endpoint.endpointConfigName()).isEqualTo("churn-" + done.trainingJob() + "-final");
            assertThat(endpoint.productionVariants()).extracting(ProductionVariantSummary::currentWeight)
                    .containsExactly(1.0f);
            // the new baseline from the training data
            List<Baseline> baselines = it.read(it.topics.baselines);
            assertThat(baselines).extracting(Baseline::model).containsExactly("churn");
            assertThat(baselines.get(0).rows()).isEqualTo(200);

            // one SNS message per transition (and the alert), with model / kind / state attributes
            SqsClient sqs = moto.closeWithServer(moto.configure(SqsClient.builder()).build());
            ObjectMapper json = new ObjectMapper();
            List<String> states = new ArrayList<>();
            for (Message m : drain(sqs, queueUrl)) {
                JsonNode envelope = json.readTree(m.body());
                JsonNode attrs = envelope.path("MessageAttributes");
                assertThat(attrs.path("model").path("Value").asText()).isEqualTo("churn");
                if ("remediation".equals(attrs.path("kind").path("Value").asText())) {
                    states.add(attrs.path("state").path("Value").asText());
                }
            }
            assertThat(states).containsExactlyInAnyOrderElementsOf(
                    events.stream().map(e -> e.to().name()).toList());
            assertThat(meters.scrape()).contains("driftline_remediation_episodes{state=\"done\"} 1.0");
        }
    }
}
