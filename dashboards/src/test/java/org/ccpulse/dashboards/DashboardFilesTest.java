package org.ccpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed Grafana files, checked offline; and proof that the checks catch what they claim to. */
class DashboardFilesTest {

    @TempDir
    Path tmp;

    @Test
    void committedDashboardsHaveNoStructuralProblems() {
        List<Path> files = Dashboards.dashboardFiles(Dashboards.folder());
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains(
                        "wallboard.json",
                        "queue-performance.json",
                        "first-contact-resolution.json",
                        "complaints.json",
                        "customer-value.json");
        assertThat(Dashboards.problems(files)).isEmpty();
    }

    @Test
    void provisioningUsesTheFixedDatasourceUid() throws IOException {
        JsonNode ds = Dashboards.yaml(Dashboards.folder().resolve("provisioning/datasources/clickhouse.yaml"))
                .path("datasources")
                .get(0);
        assertThat(ds.path("uid").asText()).isEqualTo(Dashboards.DATASOURCE_UID);
        assertThat(ds.path("type").asText()).isEqualTo(Dashboards.DATASOURCE_TYPE);
        assertThat(ds.path("jsonData").path("protocol").asText()).isEqualTo("http");
        List<Path> alerting;
        try (var files = Files.list(Dashboards.folder().resolve("provisioning/alerting"))) {
            alerting = files.sorted().toList();
        }
        assertThat(alerting)
                .extracting(f -> f.getFileName().toString())
                .containsExactly(
                        "complaints.yaml",
                        "customer-value.yaml",
                        "fcr.yaml",
                        "notification-policies.yaml",
                        "service-level.yaml");
        for (Path file : alerting) {
            for (JsonNode group : Dashboards.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    assertThat(rule.path("uid").asText()).isNotBlank();
                    for (JsonNode data : rule.path("data")) {
                        assertThat(data.path("datasourceUid").asText()).isIn(Dashboards.DATASOURCE_UID, "__expr__");
                    }
                }
            }
        }
    }

    @Test
    void theFcrRuleFiresPerTeamWhenThe7DayFcrOfTheLastSettledDayIsBelowTarget() throws IOException {
        Dashboards.AlertRule rule = Dashboards.alertRules(Dashboards.folder()).stream()
                .filter(r -> r.uid().equals("ccpulse-fcr-below-target"))
                .findFirst()
                .orElseThrow();
        assertThat(rule.rawSql())
                .contains("FROM fcr_team_vs_target")
                .contains("window = '7d'")
                .contains("fcr - target AS fcr_minus_target");
        assertThat(rule.evaluator()).isEqualTo("lt");
        assertThat(rule.params()).containsExactly(0.0);

        List<AlertEvaluation.Instance> instances = AlertEvaluation.evaluate(
                rule,
                List.of("team"),
                "fcr_minus_target",
                List.of(
                        Map.of("team", "below", "fcr_minus_target", -0.01),
                        Map.of("team", "on target", "fcr_minus_target", 0.0),
                        Map.of("team", "above", "fcr_minus_target", 0.2)));
        assertThat(instances)
                .extracting(i -> i.labels().get("team") + " " + i.firing())
                .containsExactly("below true", "on target false", "above false");
    }

    @Test
    void theComplaintSpikeRuleFiresForEveryOpenSpikeLabelledByItsCause() throws IOException {
        Dashboards.AlertRule rule = Dashboards.alertRules(Dashboards.folder()).stream()
                .filter(r -> r.uid().equals("ccpulse-complaint-spike-open"))
                .findFirst()
                .orElseThrow();
        assertThat(rule.rawSql())
                .as("one row per open spike key: level, cause and cause group are the labels, observed the value")
                .isEqualTo("SELECT level, key AS cause, cause_group, observed FROM complaint_spikes_current");
        assertThat(rule.evaluator()).isEqualTo("gt");
        assertThat(rule.params()).containsExactly(0.0);

        List<String> labels = List.of("level", "cause", "cause_group");
        List<AlertEvaluation.Instance> instances = AlertEvaluation.evaluate(
                rule,
                labels,
                "observed",
                List.of(
                        Map.of("level", "cause", "cause", "company.billing", "cause_group", "company", "observed", 5),
                        Map.of("level", "cause_group", "cause", "company", "cause_group", "company", "observed", 31)));
        assertThat(instances)
                .extracting(i -> i.labels().get("level") + " " + i.labels().get("cause") + " " + i.firing())
                .as("min_count >= 1: every open spike fires, each its own instance")
                .containsExactly("cause company.billing true", "cause_group company true");
        assertThat(AlertEvaluation.evaluate(rule, labels, "observed", List.of()))
                .as("no open spike: no instance, nothing fires")
                .isEmpty();
    }

    @Test
    void theChurnRuleHasAnInstancePerOpenAlertOfAValuableCustomerAndEachNewStepIsANewInstance() throws IOException {
        Dashboards.AlertRule rule = Dashboards.alertRules(Dashboards.folder()).stream()
                .filter(r -> r.uid().equals("ccpulse-churn-alert-valuable"))
                .findFirst()
                .orElseThrow();
        assertThat(rule.rawSql())
                .as("open alerts (latest event OPENED or ESCALATED) opened in tier top or high; labels customer, tier,"
                        + " status and reasons; R / P the value")
                .isEqualTo("SELECT customer_id, toString(tier) AS tier, toString(status) AS status,"
                        + " arrayStringConcat(arraySort(escalation_reasons), ',') AS escalation_reasons,"
                        + " r_days / p_days AS r_over_p FROM churn_alerts_current"
                        + " WHERE status IN ('OPENED', 'ESCALATED') AND tier IN ('top', 'high')");
        assertThat(rule.evaluator()).isEqualTo("gt");
        assertThat(rule.params()).containsExactly(0.0);

        List<String> labels = List.of("customer_id", "tier", "status", "escalation_reasons");
        Map<String, Object> opened = Map.of(
                "customer_id", "c1", "tier", "top", "status", "OPENED", "escalation_reasons", "", "r_over_p", 1.01);
        Map<String, Object> escalated = Map.of(
                "customer_id",
                "c1",
                "tier",
                "top",
                "status",
                "ESCALATED",
                "escalation_reasons",
                "complaint",
                "r_over_p",
                1.2);
        Map<String, Object> escalatedAgain = Map.of(
                "customer_id",
                "c1",
                "tier",
                "top",
                "status",
                "ESCALATED",
                "escalation_reasons",
                "complaint,repeat_contact",
                "r_over_p",
                1.3);
        List<Map<String, String>> seen = new java.util.ArrayList<>();
        for (Map<String, Object> step : List.of(opened, escalated, escalatedAgain)) {
            AlertEvaluation.Instance instance = AlertEvaluation.evaluate(rule, labels, "r_over_p", List.of(step))
                    .get(0);
            assertThat(instance.firing()).as("every open alert fires: " + step).isTrue();
            assertThat(seen).as("each step of the alert is a new instance").doesNotContain(instance.labels());
            seen.add(instance.labels());
        }
        assertThat(AlertEvaluation.evaluate(
                        rule,
                        labels,
                        "r_over_p",
                        List.of(
                                opened,
                                Map.of(
                                        "customer_id",
                                        "c2",
                                        "tier",
                                        "high",
                                        "status",
                                        "OPENED",
                                        "escalation_reasons",
                                        "",
                                        "r_over_p",
                                        1.0))))
                .as("one instance per customer")
                .hasSize(2)
                .allMatch(AlertEvaluation.Instance::firing);
    }

    @Test
    void churnAlertsRouteToTheAccountTeamAndEverythingElseToTheDefaultContactPoint() throws IOException {
        Path alerting = Dashboards.folder().resolve("provisioning/alerting");
        JsonNode customerValue = Dashboards.yaml(alerting.resolve("customer-value.yaml"));
        JsonNode rule = customerValue.path("groups").get(0).path("rules").get(0);
        assertThat(rule.path("labels").path("ccpulse_route").asText()).isEqualTo("account-team");

        JsonNode contactPoint = customerValue.path("contactPoints").get(0);
        assertThat(contactPoint.path("name").asText()).isEqualTo("ccpulse account team");
        Map<String, JsonNode> receivers = new java.util.HashMap<>();
        contactPoint.path("receivers").forEach(r -> receivers.put(r.path("type").asText(), r));
        assertThat(receivers).containsOnlyKeys("webhook", "email");
        assertThat(receivers.get("webhook").path("settings").path("url").asText())
                .isEqualTo("${CCPULSE_ACCOUNT_TEAM_WEBHOOK_URL}");
        assertThat(receivers.get("email").path("settings").path("addresses").asText())
                .isEqualTo("${CCPULSE_ACCOUNT_TEAM_EMAILS}");
        assertThat(receivers.values())
                .as("an escalation ends the OPENED instance, which is not a resolution: no resolved messages")
                .allMatch(r -> r.path("disableResolveMessage").asBoolean());

        JsonNode policies =
                Dashboards.yaml(alerting.resolve("notification-policies.yaml")).path("policies");
        assertThat(policies).as("one policy tree, org 1").hasSize(1);
        JsonNode root = policies.get(0);
        assertThat(root.path("receiver").asText())
                .as("the default policy keeps Grafana's default contact point")
                .isEqualTo("grafana-default-email");
        assertThat(root.path("object_matchers").isMissingNode()).isTrue();
        assertThat(root.path("routes")).hasSize(1);
        JsonNode route = root.path("routes").get(0);
        assertThat(route.path("receiver").asText())
                .isEqualTo(contactPoint.path("name").asText());
        assertThat(route.path("object_matchers").toString()).isEqualTo("[[\"ccpulse_route\",\"=\",\"account-team\"]]");

        for (Path file : List.of(
                alerting.resolve("complaints.yaml"),
                alerting.resolve("fcr.yaml"),
                alerting.resolve("service-level.yaml"))) {
            for (JsonNode group : Dashboards.yaml(file).path("groups")) {
                for (JsonNode other : group.path("rules")) {
                    assertThat(other.path("labels").has("ccpulse_route"))
                            .as(other.path("uid").asText() + " stays on the default policy")
                            .isFalse();
                }
            }
        }
    }

    @Test
    void everyEnvironmentVariableOfTheProvisioningFilesIsDocumented() throws IOException {
        String readme = Files.readString(Dashboards.folder().resolve("README.md"));
        java.util.regex.Pattern variable = java.util.regex.Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]+)}?");
        List<Path> files;
        try (var stream = Files.walk(Dashboards.folder().resolve("provisioning"))) {
            files = stream.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (Path file : files) {
            java.util.regex.Matcher m = variable.matcher(Files.readString(file).replaceAll("(?m)^\\s*#.*$", ""));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used)
                .contains("CCPULSE_ACCOUNT_TEAM_WEBHOOK_URL", "CCPULSE_ACCOUNT_TEAM_EMAILS", "CCPULSE_CLICKHOUSE_HOST");
        assertThat(used)
                .allSatisfy(v ->
                        assertThat(readme).as(v + " in dashboards/README.md").contains("`" + v + "`"));
    }

    @Test
    void theAlertEvaluationRefusesDuplicateLabelSets() throws IOException {
        Dashboards.AlertRule rule = Dashboards.alertRules(Dashboards.folder()).get(0);
        assertThatThrownBy(() -> AlertEvaluation.evaluate(
                        rule,
                        List.of("team"),
                        "v",
                        List.of(Map.of("team", "a", "v", 1.0), Map.of("team", "a", "v", 2.0))))
                .hasMessageContaining("duplicate label sets");
    }

    @Test
    void theChecksCatchMalformedJsonMissingUidHardCodedDatasourcesAndGridOverflow() throws IOException {
        Path malformed = write("malformed.json", "{\"uid\": \"x\", ");
        Path noUid = write("no-uid.json", "{\"title\": \"t\", \"panels\": []}");
        Path badPanels = write("bad.json", """
                {"uid": "bad", "title": "Bad",
                 "annotations": {"list": [
                   {"builtIn": 1, "name": "Annotations & Alerts", "datasource": {"type": "grafana", "uid": "-- Grafana --"}},
                   {"name": "spikes", "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"},
                    "target": {"rawSql": "SELECT 1", "datasource": {"type": "grafana-clickhouse-datasource", "uid": "other"}}}]},
                 "panels": [
                  {"id": 1, "type": "stat", "title": "named datasource", "datasource": "ClickHouse",
                   "gridPos": {"x": 0, "y": 0, "w": 12, "h": 4},
                   "targets": [{"refId": "A", "rawSql": "SELECT 1", "pluginVersion": "4.20.0",
                                "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"}}]},
                  {"id": 2, "type": "stat", "title": "too wide",
                   "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"},
                   "gridPos": {"x": 10, "y": 0, "w": 16, "h": 4},
                   "targets": [{"refId": "A", "rawSql": "SELECT 1", "pluginVersion": "3.3.0",
                                "datasource": {"type": "grafana-clickhouse-datasource", "uid": "other"}}]}]}
                """);

        List<String> problems = Dashboards.problems(List.of(malformed, noUid, badPanels));

        assertThat(problems).anyMatch(p -> p.startsWith("malformed.json: malformed JSON"));
        assertThat(problems).anyMatch(p -> p.equals("no-uid.json: no uid"));
        assertThat(problems).anyMatch(p -> p.contains("'named datasource': datasource must be"));
        assertThat(problems).anyMatch(p -> p.contains("'too wide': gridPos"));
        assertThat(problems).anyMatch(p -> p.contains("'too wide': overlaps another panel"));
        assertThat(problems).anyMatch(p -> p.contains("'too wide' query A: datasource must be"));
        assertThat(problems).anyMatch(p -> p.contains("pluginVersion must be >= 4.0.0"));
        assertThat(problems)
                .anyMatch(p -> p.startsWith("bad.json annotation 'spikes' query: datasource must be"))
                .noneMatch(p -> p.contains("Annotations & Alerts"));
    }

    @Test
    void aSingleValueVariableMustBeQuotedInSql() throws IOException {
        Path unquoted = write("unquoted.json", """
                {"uid": "u", "title": "Unquoted",
                 "templating": {"list": [
                   {"name": "window", "multi": false, "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"}},
                   {"name": "queue", "multi": true, "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"}}]},
                 "panels": [
                  {"id": 1, "type": "stat", "title": "bare", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 4},
                   "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"},
                   "targets": [{"refId": "A", "rawSql": "SELECT 1 FROM v WHERE window = ${window} AND queue IN (${queue})",
                                "pluginVersion": "4.20.0",
                                "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"}}]},
                  {"id": 2, "type": "stat", "title": "quoted", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 4},
                   "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"},
                   "targets": [{"refId": "A", "rawSql": "SELECT 1 FROM v WHERE window = '${window}' AND w = '$window'",
                                "pluginVersion": "4.20.0",
                                "datasource": {"type": "grafana-clickhouse-datasource", "uid": "ccpulse-clickhouse"}}]}]}
                """);

        assertThat(Dashboards.problems(List.of(unquoted)))
                .containsExactly("unquoted.json panel 'bare': single-value variable $window not in quotes;"
                        + " the plugin inserts its value unquoted");
    }

    @Test
    void variablesAndMacrosExpandAsGrafanaAndThePluginDo() {
        String sql = "SELECT * FROM t WHERE $__timeFilter(ts) AND q IN (${queue}) AND c IN ($channel) "
                + "AND d >= $__fromTime AND bucket = $__timeInterval(ts) AND s = $__interval_s AND $__dateFilter(day)";
        String variablesDone = GrafanaMacros.expandVariables(
                sql, Map.of("queue", List.of("billing", "o'brien"), "channel", List.of("voice")));
        String expanded = GrafanaMacros.expandMacros(
                variablesDone, Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T09:00:00Z"), 60);

        assertThat(expanded)
                .isEqualTo("SELECT * FROM t WHERE ts >= toDateTime(1795507200) AND ts <= toDateTime(1795510800)"
                        + " AND q IN ('billing','o\\'brien') AND c IN ('voice') AND d >= toDateTime(1795507200)"
                        + " AND bucket = toStartOfInterval(toDateTime(ts), INTERVAL 60 second) AND s = 60"
                        + " AND day >= toDate('2026-11-24') AND day <= toDate('2026-11-24')");

        assertThat(GrafanaMacros.expandSelected(
                        "SELECT 1 WHERE w = '${window}' AND q IN (${queue})",
                        Map.of(
                                "window", GrafanaMacros.Selection.single("7d"),
                                "queue", GrafanaMacros.Selection.multi(List.of("billing")))))
                .as("a single value as it is, multi values quoted")
                .isEqualTo("SELECT 1 WHERE w = '7d' AND q IN ('billing')");
    }

    @Test
    void wallboardColoursServiceLevelsAgainstEachRowsOwnTargetNeverAConstant() throws IOException {
        Path wallboard = Dashboards.folder().resolve("ccpulse/Floor/wallboard.json");
        assertThat(Dashboards.colourProblems(wallboard)).isEmpty();
        String text = Files.readString(wallboard);
        assertThat(text).doesNotContain("\"value\": 0.75", "\"value\": 0.8");
    }

    @Test
    void theColourCheckCatchesAFixedTargetAndColumnsNotDerivedFromTheTarget() throws IOException {
        Path fixed = write("fixed.json", """
                {"uid": "f", "title": "Fixed", "panels": [
                  {"id": 1, "type": "stat", "title": "fixed 80 %", "targets": [{"refId": "A",
                   "rawSql": "SELECT service_level AS SL FROM queue_now"}],
                   "fieldConfig": {"defaults": {"thresholds": {"mode": "absolute", "steps": [
                     {"color": "red", "value": null}, {"color": "orange", "value": 0.75}, {"color": "green", "value": 0.8}]}},
                     "overrides": []}},
                  {"id": 2, "type": "table", "title": "status on the figure", "targets": [{"refId": "A",
                   "rawSql": "SELECT service_level AS SL, sl_vs_target AS `vs target`, sl_target AS Target FROM queue_now_by_class"}],
                   "fieldConfig": {"defaults": {}, "overrides": [
                     {"matcher": {"id": "byName", "options": "SL"}, "properties": [{"id": "mappings", "value": [
                       {"type": "range", "options": {"from": 0.8, "to": 1, "result": {"color": "green"}}}]}]},
                     {"matcher": {"id": "byName", "options": "vs target"}, "properties": [{"id": "thresholds", "value":
                       {"mode": "absolute", "steps": [{"color": "red", "value": null}, {"color": "green", "value": 0}]}}]}]}}]}
                """);

        List<String> problems = Dashboards.colourProblems(fixed);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "fixed.json panel 'fixed 80 %': its defaults colour every field, the service level included,"
                                + " by constant values",
                        "fixed.json panel 'fixed 80 %': shows a service level but colours nothing against the row's target",
                        "fixed.json panel 'status on the figure': colours 'SL', which its query does not derive from"
                                + " sl_vs_target or sl_status (the row's own target)");
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
