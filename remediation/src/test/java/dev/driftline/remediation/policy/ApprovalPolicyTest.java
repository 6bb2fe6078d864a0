package dev.driftline.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftline.config.UserInputException;
import dev.driftline.remediation.policy.ApprovalPolicy.Verdict;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {
    private static RemediationPolicy parse(String yaml) throws Exception {
        return RemediationPolicy.parse("policy.yaml", new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    @ParameterizedTest(name = "accuracy {0} → {1}")
    @CsvSource({"0.99, APPROVE", "0.95, APPROVE", "0.9499, PENDING", "0.90, PENDING", "0.85, PENDING",
            "0.8499, REJECT", "0.80, REJECT"})
    void defaultRulesAreTheRegistrysOwn(double accuracy, Verdict expected) {
        assertThat(ApprovalPolicy.DEFAULT.decide(Map.of("accuracy", accuracy)).verdict()).isEqualTo(expected);
    }

    @Test
    void aMissingMetricWaitsForAPerson() {
        ApprovalPolicy.Decision d = ApprovalPolicy.DEFAULT.decide(Map.of("f1", 0.99));
        assertThat(d.verdict()).isEqualTo(Verdict.PENDING);
        assertThat(d.reason()).contains("no accuracy");
    }

    @Test
    void anyMetricAnyComparisonAndBeatTheServingModel() throws Exception {
        ApprovalPolicy p = parse("""
                defaults:
                  approval:
                    rules:
                      - {metric: rmse, op: "<=", value: 2.0, then: approve}
                      - {metric: rmse, op: ">", value: 5.0, then: reject}
                    beat-serving: [rmse]
                """).forModel("m").approval();
        assertThat(p.decide(Map.of("rmse", 1.5, "serving_rmse", 1.8)).verdict()).isEqualTo(Verdict.APPROVE);
        ApprovalPolicy.Decision worse = p.decide(Map.of("rmse", 1.5, "serving_rmse", 1.2));
        assertThat(worse.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(worse.reason()).contains("does not beat the serving model");
        assertThat(p.decide(Map.of("rmse", 6.0, "serving_rmse", 7.0)).verdict()).isEqualTo(Verdict.REJECT);
        assertThat(p.decide(Map.of("rmse", 3.0, "serving_rmse", 3.5)).verdict()).isEqualTo(Verdict.PENDING);
        assertThat(p.decide(Map.of("rmse", 1.0)).verdict()).isEqualTo(Verdict.PENDING);
    }

    @Test
    void badRulesFailNamingTheKeyPath() {
        assertThatThrownBy(() -> parse("""
                models:
                  churn:
                    approval:
                      rules:
                        - {metric: accuracy, op: "=>", value: 0.9, then: approve}
                """)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("policy.yaml: models.churn.approval.rules[0].op: must be one of");
        assertThatThrownBy(() -> parse("defaults: {approval: {rules: [{metric: a, op: '>', value: 1, then: maybe}]}}"))
                .hasMessageContaining("defaults.approval.rules[0].then: must be approve or reject");
        assertThatThrownBy(() -> parse("defaults: {rollout: {steps: [10, 50]}}"))
                .hasMessageContaining("defaults.rollout.steps: must end at 100");
        assertThatThrownBy(() -> parse("defaults: {trigger: {cooldwn: 1h}}"))
                .hasMessageContaining("defaults.trigger.cooldwn: unknown key");
        assertThatThrownBy(() -> parse("defaults: {trigger: {cooldown: 1 hour}}"))
                .hasMessageContaining("defaults.trigger.cooldown: not a duration");
    }

    @Test
    void modelSectionsMergeOverTheDefaultsKeyByKey() throws Exception {
        RemediationPolicy p = parse("""
                defaults:
                  trigger: {cooldown: 12h, max-per-day: 3}
                  rollout: {steps: [5, 100], bake: 1m}
                models:
                  churn:
                    trigger: {cooldown: 1h}
                """);
        assertThat(p.forModel("churn").trigger().cooldown()).hasHours(1);
        assertThat(p.forModel("churn").trigger().maxPerDay()).isEqualTo(3);
        assertThat(p.forModel("churn").rollout().steps()).containsExactly(5, 100);
        assertThat(p.forModel("other").trigger().cooldown()).hasHours(12);
        assertThat(RemediationPolicy.defaults().forModel("x").rollout().steps()).containsExactly(10, 50, 100);
    }
}
