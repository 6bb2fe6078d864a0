package dev.driftline.remediation.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.remediation.world.Notification;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SnsNotifier against moto: an SQS queue subscribed to the topic receives what SNS delivers, so the test reads back
 * the notifications with their subject and message attributes as a subscriber would see them.
 */
@WithMoto
class SnsNotifierIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SnsClient sns;
    private SqsClient sqs;

    @BeforeEach
    void clients(MotoServer moto) {
        sns = moto.closeWithServer(moto.configure(SnsClient.builder()).build());
        sqs = moto.closeWithServer(moto.configure(SqsClient.builder()).build());
    }

    /** A topic with a queue subscribed (standard delivery: the SNS JSON envelope); the queue's URL. */
    private String[] topicWithQueue(String name, boolean fifo) {
        String topicArn = sns.createTopic(b -> b.name(fifo ? name + ".fifo" : name)
                .attributes(fifo ? Map.of("FifoTopic", "true", "ContentBasedDeduplication", "false")
                        : Map.of())).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(fifo ? name + "-q.fifo" : name + "-q")
                .attributes(fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return new String[] {topicArn, queueUrl};
    }

    /** Everything in the queue: receives until an empty answer (moto delivers synchronously on Publish). */
    private List<JsonNode> drain(String queueUrl) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                return out;
            }
            for (Message m : batch) {
                out.add(JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static String attr(JsonNode envelope, String name) {
        return envelope.path("MessageAttributes").path(name).path("Value").asText(null);
    }

    @Test
    void oneMessagePerDistinctKeyWithModelKindAndStateAttributes() throws Exception {
        String[] tq = topicWithQueue("driftline-alerts", false);
        SnsNotifier notifier = new SnsNotifier(sns, tq[0], 100);
        Notification open = new Notification("alert-17/open", "churn", "drift", "open",
                "Drift on churn: PSI 0.41 on tenure", "PSI 0.41 > 0.2 for 3 windows");
        notifier.send(open);
        notifier.send(open); // the same fact again (re-emitted alert)
        notifier.send(new Notification("ep-1/retraining", "churn", "remediation", "retraining",
                "Remediation of churn: retraining " + "x".repeat(150) + "\nsecond line", "episode ep-1"));
        notifier.send(new Notification("alert-17/resolved", "churn", "drift", "resolved", "Drift on churn resolved",
                "back under 0.2"));

        List<JsonNode> got = drain(tq[1]);
        assertThat(got).hasSize(3);
        assertThat(got).extracting(m -> attr(m, "state")).containsExactlyInAnyOrder("open", "retraining", "resolved");
        assertThat(got).extracting(m -> attr(m, "model")).containsOnly("churn");
        assertThat(got).extracting(m -> attr(m, "kind")).containsExactlyInAnyOrder("drift", "remediation", "drift");
        assertThat(got).extracting(m -> m.path("MessageAttributes").path("state").path("Type").asText())
                .containsOnly("String");
        JsonNode first = got.stream().filter(m -> "open".equals(attr(m, "state"))).findFirst().orElseThrow();
        assertThat(first.path("Subject").asText()).isEqualTo("Drift on churn: PSI 0.41 on tenure");
        assertThat(first.path("Message").asText()).isEqualTo("PSI 0.41 > 0.2 for 3 windows");
        JsonNode longOne = got.stream().filter(m -> "retraining".equals(attr(m, "state"))).findFirst().orElseThrow();
        assertThat(longOne.path("Subject").asText()).hasSize(100).startsWith("Remediation of churn: retraining x")
                .endsWith("...").doesNotContain("\n");
    }

    @Test
    void aFifoTopicGetsGroupAndDeduplicationIdsSoARestartedProcessDoesNotRepeat() throws Exception {
        String[] tq = topicWithQueue("driftline-episodes", true);
        Notification n = new Notification("ep-2/promoted", "fraud", "remediation", "promoted", "fraud promoted",
                "candidate serves 100 %");
        new SnsNotifier(sns, tq[0], 100).send(n);
        new SnsNotifier(sns, tq[0], 100).send(n); // a new process: its LRU is empty, SNS deduplicates
        new SnsNotifier(sns, tq[0], 100).send(new Notification("ep-2/closed", "fraud", "remediation", "closed",
                "fraud closed", "done"));
        List<JsonNode> got = drain(tq[1]);
        assertThat(got).extracting(m -> attr(m, "state")).containsExactly("promoted", "closed");
    }

    @Test
    void aMissingTopicIsLoggedNotThrownAndNotRemembered() throws Exception {
        String[] tq = topicWithQueue("later", false);
        String missing = tq[0].replace(":later", ":not-yet");
        SnsNotifier notifier = new SnsNotifier(sns, missing, 100);
        notifier.send(new Notification("k", "churn", "drift", "open", "s", "m")); // no exception
        assertThat(drain(tq[1])).isEmpty();
    }

    @Test
    void fifoIdsAreKeptReadableOrHashed() {
        assertThat(SnsNotifier.fifoId("alert-17/open")).isEqualTo("alert-17/open");
        assertThat(SnsNotifier.fifoId("é".repeat(3))).hasSize(64).matches("[0-9a-f]+");
        assertThat(SnsNotifier.fifoId("k".repeat(200))).hasSize(64);
    }
}
