package dev.driftline.remediation.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.remediation.world.ApprovalStatus;
import dev.driftline.remediation.world.Candidate;
import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** SageMaker Model Registry on moto_server: one group per model, one package per episode, decisions visible. */
@WithMoto
class SageMakerModelRegistryIT {
    private SageMakerClient sm;
    private SageMakerModelRegistry registry;

    @BeforeEach
    void setUp(MotoServer moto) {
        sm = moto.closeWithServer(moto.configure(SageMakerClient.builder()).build());
        registry = new SageMakerModelRegistry(sm, new SageMakerRegistrySettings("1.dkr.ecr/churn-serve:1",
                Map.of("Team", "risk", "Environment", "prod"), null, List.of("text/csv"), List.of("text/csv")));
    }

    private int packages(String group) {
        return sm.listModelPackages(b -> b.modelPackageGroupName(group)).modelPackageSummaryList().size();
    }

    @Test
    void registeringTwiceGivesOnePackageInOneGroup() {
        Candidate c = new Candidate("e1", "churn", "s3://models/e1/model.tar.gz", Map.of("accuracy", 0.93));
        String first = registry.register(c);
        String second = registry.register(c);

        assertThat(second).isEqualTo(first);
        assertThat(packages("churn")).isEqualTo(1);
        assertThat(sm.listModelPackageGroups(b -> b.maxResults(100)).modelPackageGroupSummaryList()).hasSize(1);
        var group = sm.describeModelPackageGroup(b -> b.modelPackageGroupName("churn"));
        Map<String, String> tags = sm.listTags(b -> b.resourceArn(group.modelPackageGroupArn())).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsEntry("Team", "risk").containsEntry("Environment", "prod");

        DescribeModelPackageResponse p = sm.describeModelPackage(b -> b.modelPackageName(first));
        assertThat(p.modelApprovalStatusAsString()).isEqualTo("PendingManualApproval");
        assertThat(p.customerMetadataProperties()).containsEntry("driftline:episode", "e1")
                .containsEntry("driftline:metric:accuracy", "0.93");
        assertThat(p.inferenceSpecification().containers()).singleElement().satisfies(k -> {
            assertThat(k.image()).isEqualTo("1.dkr.ecr/churn-serve:1");
            assertThat(k.modelDataUrl()).isEqualTo("s3://models/e1/model.tar.gz");
        });
        assertThat(registry.status(first)).isEqualTo(ApprovalStatus.PENDING);

        // a second episode of the same model: same group, a new version
        String other = registry.register(new Candidate("e2", "churn", "s3://models/e2/model.tar.gz", Map.of()));
        assertThat(other).isNotEqualTo(first);
        assertThat(packages("churn")).isEqualTo(2);
    }

    @Test
    void decisionsAreVisibleInTheRegistryAndDoNotLoseTheEpisode() {
        String approved = registry.register(new Candidate("e1", "churn", "s3://m/1", Map.of("accuracy", 0.97)));
        String rejected = registry.register(new Candidate("e2", "churn", "s3://m/2", Map.of("accuracy", 0.80)));

        registry.decide(approved, ApprovalStatus.APPROVED, "accuracy 0.97 ≥ 0.95");
        registry.decide(rejected, ApprovalStatus.REJECTED, "accuracy 0.80 < 0.85");

        var a = sm.describeModelPackage(b -> b.modelPackageName(approved));
        assertThat(a.modelApprovalStatusAsString()).isEqualTo("Approved");
        assertThat(a.approvalDescription()).isEqualTo("accuracy 0.97 ≥ 0.95");
        var r = sm.describeModelPackage(b -> b.modelPackageName(rejected));
        assertThat(r.modelApprovalStatusAsString()).isEqualTo("Rejected");
        assertThat(r.approvalDescription()).isEqualTo("accuracy 0.80 < 0.85");
        assertThat(registry.status(approved)).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(registry.status(rejected)).isEqualTo(ApprovalStatus.REJECTED);

        // a person changes their mind in the console: status() reads what the registry holds
        sm.updateModelPackage(b -> b.modelPackageArn(rejected).modelApprovalStatus("Approved"));
        assertThat(registry.status(rejected)).isEqualTo(ApprovalStatus.APPROVED);

        // after the decisions, registering again still finds the episodes' packages
        assertThat(registry.register(new Candidate("e1", "churn", "s3://m/1", Map.of()))).isEqualTo(approved);
        assertThat(registry.register(new Candidate("e2", "churn", "s3://m/2", Map.of()))).isEqualTo(rejected);
        assertThat(packages("churn")).isEqualTo(2);
    }

    @Test
    void anExistingGroupIsUsedAsItIs() {
        sm.createModelPackageGroup(b -> b.modelPackageGroupName("fraud").modelPackageGroupDescription("by hand")
                .tags(Tag.builder().key("Team").value("payments").build()));
        registry.register(new Candidate("e9", "fraud", "s3://m/9", Map.of()));
        var group = sm.describeModelPackageGroup(b -> b.modelPackageGroupName("fraud"));
        assertThat(group.modelPackageGroupDescription()).isEqualTo("by hand");
        assertThat(packages("fraud")).isEqualTo(1);
    }
}
