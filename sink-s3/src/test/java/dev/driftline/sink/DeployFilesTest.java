package dev.driftline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lake's files in {@code deploy/} stay true to the code: the checked-in Athena DDL is what
 * {@code driftline athena ddl} prints for the example lake, and the sink's IAM policy allows every S3 call the sink
 * makes (PutObject also covers CreateMultipartUpload, UploadPart and CompleteMultipartUpload).
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void athenaDdlIsWhatTheCommandPrints() throws Exception {
        String checkedIn = Files.readString(DEPLOY.resolve("athena/driftline-tables.sql"));
        String header = checkedIn.substring(0, checkedIn.indexOf("CREATE EXTERNAL TABLE"));
        assertThat(checkedIn.substring(header.length()))
                .isEqualTo(AthenaDdl.createAll("s3://YOUR-LAKE-BUCKET/lake", "driftline", List.of()));
        for (LakeTable t : LakeTable.values()) {
            assertThat(checkedIn).contains("`driftline`.`" + t.tableName() + "`");
        }
    }

    @Test
    void sinkPolicyAllowsWhatTheSinkCalls() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(DEPLOY.resolve("iam/driftline-sink-policy.json").toFile());
        Set<String> actions = new HashSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            statement.get("Action").forEach(a -> actions.add(a.asText()));
        }
        assertThat(actions).contains("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListBucket",
                "s3:ListBucketMultipartUploads", "kms:GenerateDataKey");
        assertThat(actions).noneMatch(a -> a.endsWith(":*")).doesNotContain("s3:DeleteObject");
    }
}
