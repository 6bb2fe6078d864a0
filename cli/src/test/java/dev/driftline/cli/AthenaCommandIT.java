package dev.driftline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.testkit.MotoServer;
import dev.driftline.testkit.WithMoto;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * {@code driftline athena ddl | register | query} as a user runs them, against moto. Credentials come from the
 * SDK's default chain (here the aws.accessKeyId/aws.secretAccessKey system properties), as in production.
 */
@WithMoto
@org.junit.jupiter.api.extension.ExtendWith(dev.driftline.testkit.AwsDefaultChainCredentials.class)
class AthenaCommandIT {

    private static final String LAKE = "s3://lake-bucket/prod";

    private MotoServer moto;

    /** What one run printed and returned. */
    private record Run(int exit, String out, String err) {
    }


    @BeforeEach
    void setUp(MotoServer moto) {
        this.moto = moto;
    }

    @AfterEach
    void immediateTransitions() {
        moto.post("/moto-api/state-manager/unset-transition", "{\"model_name\":\"athena::execution\"}");
    }

    private static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    private String[] aws(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--endpoint-url";
        all[args.length + 1] = moto.endpoint().toString();
        all[args.length + 2] = "--region";
        all[args.length + 3] = "us-east-1";
        return all;
    }

    @Test
    void ddlPrintsOneProjectedTablePerLakeTable() {
        Run injected = run("athena", "ddl", "--lake", LAKE);
        assertThat(injected.exit()).as(injected.err()).isZero();
        assertThat(injected.out().split("CREATE EXTERNAL TABLE IF NOT EXISTS `driftline`\\.")).hasSize(9);
        assertThat(injected.out()).contains("LOCATION 's3://lake-bucket/prod/alerts/'")
                .contains("'projection.model.type'='injected'")
                .contains("'storage.location.template'='s3://lake-bucket/prod/dead_letters/model=${model}/dt=${dt}/"
                        + "hour=${hour}/'")
                .doesNotContain("projection.model.values");

        Run enumerated = run("athena", "ddl", "--lake", LAKE + "/", "--database", "ml", "--models", "fraud,churn");
        assertThat(enumerated.exit()).isZero();
        assertThat(enumerated.out()).contains("CREATE EXTERNAL TABLE IF NOT EXISTS `ml`.`model_quality`")
                .contains("'projection.model.type'='enum'")
                .contains("'projection.model.values'='fraud,churn'")
                .contains("'projection.model.values'='fraud,churn,_unknown'")
                .doesNotContain("injected");
    }

    @Test
    void ddlRefusesALocalLakeAndABadDatabaseWithExit2() {
        Run local = run("athena", "ddl", "--lake", "file:///x");
        assertThat(local.exit()).isEqualTo(2);
        assertThat(local.out()).isEmpty();
        assertThat(local.err()).contains("athena needs an s3:// lake");

        Run db = run("athena", "ddl", "--lake", LAKE, "--database", "Bad-Name");
        assertThat(db.exit()).isEqualTo(2);
        assertThat(db.err()).contains("--database: database must be lower-case");
    }

    @Test
    void registerCreatesTheTablesInGlueThenUpdatesThem() {
        Run first = run(aws("athena", "register", "--lake", LAKE));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("database driftline: created\n")
                .contains("table driftline.inference_log: created\n")
                .contains("table driftline.dead_letters: created\n");

        Run again = run(aws("athena", "register", "--lake", LAKE, "--models", "fraud"));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("database driftline: kept\n")
                .contains("table driftline.alerts: updated\n");

        GlueClient glue = moto.closeWithServer(moto.configure(GlueClient.builder()).build());
        List<Table> tables = glue.getTables(b -> b.databaseName("driftline")).tableList();
        assertThat(tables).extracting(Table::name).containsExactlyInAnyOrder("inference_log", "feature_profiles",
                "drift_metrics", "model_quality", "alerts", "dead_letters", "labels", "remediation_events");
        assertThat(tables).allSatisfy(t -> assertThat(t.parameters())
                .containsEntry("projection.model.type", "enum")
                .containsEntry("storage.location.template", LAKE + "/" + t.name()
                        + "/model=${model}/dt=${dt}/hour=${hour}/"));
    }

    @Test
    void queryPrintsEveryRowAndReportsStatesOnStderr() {
        moto.post("/moto-api/state-manager/set-transition", "{\"model_name\":\"athena::execution\","
                + "\"transition\":{\"progression\":\"manual\",\"times\":2}}");
        moto.post("/moto-api/static/athena/query-results", "{\"account_id\":\"123456789012\",\"region\":\"us-east-1\","
                + "\"results\":[{\"rows\":["
                + "{\"Data\":[{\"VarCharValue\":\"model\"},{\"VarCharValue\":\"alerts\"}]},"
                + "{\"Data\":[{\"VarCharValue\":\"fraud\"},{\"VarCharValue\":\"12\"}]},"
                + "{\"Data\":[{\"VarCharValue\":\"churn, v2\"},{\"VarCharValue\":\"3\"}]},"
                + "{\"Data\":[{\"VarCharValue\":\"ranking\"},{}]}],"
                + "\"column_info\":[{\"Name\":\"model\",\"Label\":\"model\",\"Type\":\"varchar\"},"
                + "{\"Name\":\"alerts\",\"Label\":\"alerts\",\"Type\":\"bigint\"}]}]}");

        Run r = run(aws("athena", "query", "SELECT model, count(*) AS alerts FROM alerts GROUP BY 1",
                "--format", "csv", "--page-size", "2", "--output-location", "s3://athena-results/q/"));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("model,alerts\nfraud,12\n\"churn, v2\",3\nranking,\n");
        assertThat(r.err()).containsPattern("athena: query \\S+ QUEUED after")
                .containsPattern("athena: query \\S+ RUNNING after")
                .containsPattern("athena: query \\S+ SUCCEEDED after");
    }

    @Test
    void aQueryCancelledWhileItRunsExits1WithTheState() throws Exception {
        moto.post("/moto-api/state-manager/set-transition", "{\"model_name\":\"athena::execution\","
                + "\"transition\":{\"progression\":\"manual\",\"times\":1000}}");
        AthenaClient athena = moto.closeWithServer(moto.configure(AthenaClient.builder()).build());

        CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> run(aws("athena", "query", "SELECT 1")));
        String id = null;
        for (int i = 0; i < 200 && id == null; i++) {
            List<String> ids = athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds();
            id = ids.isEmpty() ? null : ids.get(0);
            Thread.sleep(25);
        }
        assertThat(id).as("the command started a query").isNotNull();
        String queryId = id;
        athena.stopQueryExecution(b -> b.queryExecutionId(queryId));
        Run r = running.get(30, TimeUnit.SECONDS);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("driftline athena query: query " + id + " CANCELLED (Athena gave no reason)");
    }

    @Test
    void aQueryPastItsTimeoutIsStoppedAndExits1() {
        moto.post("/moto-api/state-manager/set-transition", "{\"model_name\":\"athena::execution\","
                + "\"transition\":{\"progression\":\"manual\",\"times\":1000}}");

        Run r = run(aws("athena", "query", "SELECT 1", "--timeout", "500ms"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).containsPattern("query \\S+ was still QUEUED after the timeout of PT0.5S; stopped it");
        AthenaClient athena = moto.closeWithServer(moto.configure(AthenaClient.builder()).build());
        String id = athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds().get(0);
        assertThat(athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().status().state())
                .isEqualTo(QueryExecutionState.CANCELLED);
    }

    @Test
    void badQueryOptionsExit2BeforeAnyCall() {
        Run format = run(aws("athena", "query", "SELECT 1", "--format", "xml"));
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format: format must be table, csv or json");
        Run page = run(aws("athena", "query", "SELECT 1", "--page-size", "5000"));
        assertThat(page.exit()).isEqualTo(2);
        assertThat(page.err()).contains("--page-size must be 1..1000, got 5000");
        Run endpoint = run("athena", "query", "SELECT 1", "--endpoint-url", "ftp://x", "--region", "us-east-1");
        assertThat(endpoint.exit()).isEqualTo(2);
        assertThat(endpoint.err()).contains("--endpoint-url ftp://x");
    }
}
