package dev.driftline.cli.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 part 3: the Grafana dashboards of {@code deploy/grafana/dashboards/} validate against the draft-07 schema
 * generated from {@code @grafana/schema@13.2.3} ({@code deploy/grafana/schema/}, see its README), are provisioning
 * style (no {@code __inputs}; the data source is the {@code datasource} variable of type prometheus), read only
 * metrics driftline exposes, and are each packaged as a ConfigMap by {@code deploy/grafana/kustomization.yaml}.
 * Whether every panel returns data is {@link PrometheusStackIT}'s job (a real Prometheus).
 */
class GrafanaDashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GRAFANA = Exposed.DEPLOY.resolve("grafana");

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(
                Files.readString(GRAFANA.resolve("schema/dashboard.schema.json")), InputFormat.JSON);
    }

    private static JsonNode dashboard(String name) throws IOException {
        return JSON.readTree(GRAFANA.resolve("dashboards/" + name + ".json").toFile());
    }

    @Test
    void everyDashboardValidatesAgainstGrafanasSchema() throws IOException {
        Schema schema = schema();
        for (String d : Exposed.DASHBOARDS) {
            List<Error> errors = schema.validate(dashboard(d));
            assertThat(errors).as(d + ".json against the @grafana/schema Dashboard schema").isEmpty();
        }
    }

    /** Acceptance 1: the schema check fails on a dashboard without schemaVersion, or with an unknown property. */
    @Test
    void theSchemaCheckCatchesABrokenDashboard() throws IOException {
        ObjectNode broken = (ObjectNode) dashboard("overview");
        broken.remove("schemaVersion");
        List<Error> errors = schema().validate(broken);
        assertThat(errors.toString()).contains("schemaVersion");
        ObjectNode typo = (ObjectNode) dashboard("overview");
        ((ObjectNode) typo.get("panels").get(1)).put("titel", "typo");
        assertThat(schema().validate(typo).toString()).contains("titel");
    }

    @Test
    void theDashboardsAreProvisioningStyleWithTheDataSourceAsAVariable() throws IOException {
        Set<String> uids = new java.util.HashSet<>();
        for (String d : Exposed.DASHBOARDS) {
            JsonNode dash = dashboard(d);
            assertThat(dash.has("__inputs")).as(d + " has no __inputs").isFalse();
            assertThat(uids.add(dash.get("uid").asText())).isTrue();
            JsonNode ds = dash.at("/templating/list/0");
            assertThat(ds.get("name").asText()).isEqualTo("datasource");
            assertThat(ds.get("type").asText()).isEqualTo("datasource");
            assertThat(ds.get("query").asText()).isEqualTo("prometheus");
            int panels = 0;
            for (JsonNode p : dash.get("panels")) {
                if (p.get("type").asText().equals("row")) {
                    continue;
                }
                panels++;
                assertThat(p.at("/datasource/uid").asText()).as(d + " / " + p.get("title")).isEqualTo("${datasource}");
                assertThat(p.get("targets")).as(d + " / " + p.get("title")).isNotEmpty();
                for (JsonNode t : p.get("targets")) {
                    assertThat(t.at("/datasource/uid").asText()).isEqualTo("${datasource}");
                    assertThat(t.get("expr").asText()).isNotBlank();
                }
            }
            System.out.println(d + ".json: " + panels + " panels, " + Exposed.dashboardExprs(d, dash).size()
                    + " queries");
        }
        JsonNode model = dashboard("model");
        JsonNode var = model.at("/templating/list/1");
        assertThat(var.get("name").asText()).isEqualTo("model");
        assertThat(var.at("/query/query").asText()).isEqualTo("label_values(driftline_model_drift_score, model)");
        assertThat(Exposed.dashboardExprs("model", model).entrySet()).allSatisfy(e -> {
            if (!e.getKey().contains("annotation")) {
                assertThat(e.getValue()).as(e.getKey()).contains("$model");
            }
        });
        assertThat(Exposed.dashboardExprs("model", model).keySet()).anyMatch(k -> k.contains("annotation Rollouts"));
        String overview = JSON.writeValueAsString(dashboard("overview"));
        assertThat(overview).contains("\"heatmap\"", "driftline_serving_requests_total", "driftline_alerts_open");
    }

    @Test
    void everyMetricThePanelsReadIsOneDriftlineExposes() throws IOException {
        Set<String> exposed = Exposed.names(Exposed.scrape());
        Map<String, String> exprs = Exposed.allDashboardExprs();
        assertThat(Exposed.unknown(exprs, exposed)).as("panel metrics not exposed").isEmpty();
        // a panel with a misspelt metric is caught
        Map<String, String> broken = Map.of("overview / typo / A",
                "sum by (model) (rate(driftline_windows_evaluted_total[$__rate_interval]))");
        assertThat(Exposed.unknown(broken, exposed)).containsEntry("overview / typo / A",
                Set.of("driftline_windows_evaluted_total"));
    }

    @Test
    void kustomizeMakesOneLabelledConfigMapPerDashboardAndProvisioningLoadsThem() throws IOException {
        JsonNode k = Exposed.YAML.readTree(GRAFANA.resolve("kustomization.yaml").toFile());
        assertThat(k.at("/generatorOptions/labels/grafana_dashboard").asText()).isEqualTo("1");
        List<String> files = new ArrayList<>();
        for (JsonNode g : k.get("configMapGenerator")) {
            assertThat(g.get("files")).hasSize(1);
            files.add(g.get("files").get(0).asText());
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(
                Exposed.DASHBOARDS.stream().map(d -> "dashboards/" + d + ".json").toList());
        JsonNode p = Exposed.YAML.readTree(GRAFANA.resolve("provisioning/dashboards/driftline.yaml").toFile());
        assertThat(p.at("/providers/0/type").asText()).isEqualTo("file");
        JsonNode ds = Exposed.YAML.readTree(GRAFANA.resolve("provisioning/datasources/driftline-prometheus.yaml")
                .toFile());
        assertThat(ds.at("/datasources/0/type").asText()).isEqualTo("prometheus");
    }
}
