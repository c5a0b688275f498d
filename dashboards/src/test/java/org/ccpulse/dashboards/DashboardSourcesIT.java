package org.ccpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboards and alert rules read views only, never tables: tables belong to the job that writes
 * them, views are the SQL surface (schemas/clickhouse/README.md). Every panel, variable and alert
 * query, expanded as Grafana would send it, is resolved by ClickHouse on a migrated database, and
 * everything it reads must be a view. No data needed, so no job run.
 */
@ExtendWith(ComponentsExtension.class)
class DashboardSourcesIT {

    @TempDir
    Path tmp;

    @Test
    void everyDashboardAndAlertQueryReadsViewsOnly(ClickHouseEndpoint clickHouse) throws Exception {
        Path folder = Dashboards.folder();
        List<Dashboards.Query> queries = expanded(Dashboards.dashboardFiles(folder), folder);
        assertThat(queries).hasSizeGreaterThan(10);

        try (Connection c = ClickHouseDatabase.fresh(clickHouse).open()) {
            assertThat(problems(c, queries)).isEmpty();
        }
    }

    @Test
    void aQueryReadingATableAnywhereIsCaught(ClickHouseEndpoint clickHouse) throws Exception {
        Path dashboard = Files.createDirectories(tmp.resolve("ccpulse/Test")).resolve("reads-tables.json");
        Files.writeString(dashboard, """
                {"uid": "t", "title": "Reads tables",
                 "templating": {"list": [{"name": "queue", "multi": true, "query": {"rawSql": "SELECT DISTINCT queue FROM queue_minute"}}]},
                 "annotations": {"list": [{"name": "spikes", "target": {"rawSql":
                   "SELECT opened_hour AS time, key AS text FROM complaint_spikes FINAL WHERE key IN (${queue})"}}]},
                 "panels": [
                  {"id": 1, "type": "stat", "title": "table", "targets": [{"refId": "A",
                   "rawSql": "SELECT sum(answered) FROM queue_minute FINAL WHERE queue IN (${queue})"}]},
                  {"id": 2, "type": "stat", "title": "table in a subquery", "targets": [{"refId": "A",
                   "rawSql": "SELECT answered FROM queue_now WHERE window = 'today' AND queue IN (SELECT queue FROM queue_live)"}]},
                  {"id": 3, "type": "stat", "title": "table in a scalar subquery", "targets": [{"refId": "A",
                   "rawSql": "SELECT answered FROM queue_now WHERE (SELECT count() FROM business_days FINAL) > 0"}]},
                  {"id": 4, "type": "table", "title": "joined table", "targets": [{"refId": "A",
                   "rawSql": "SELECT n.queue FROM queue_now AS n JOIN dead_letters AS d ON d.source_topic = n.queue"}]},
                  {"id": 5, "type": "stat", "title": "table function", "targets": [{"refId": "A",
                   "rawSql": "SELECT count() FROM numbers(10)"}]},
                  {"id": 6, "type": "stat", "title": "views only", "targets": [{"refId": "A",
                   "rawSql": "SELECT answered FROM queue_now WHERE queue IN (${queue}) AND (SELECT count() FROM business_today) > 0"}]}
                 ]}
                """);
        Path alerting = Files.createDirectories(tmp.resolve("provisioning/alerting"));
        Files.writeString(alerting.resolve("rule.yaml"), """
                groups:
                  - name: g
                    rules:
                      - uid: reads-a-table
                        data:
                          - refId: A
                            datasourceUid: ccpulse-clickhouse
                            model: { rawSql: "SELECT queue, waiting FROM queue_live FINAL" }
                """);

        List<String> problems;
        try (Connection c = ClickHouseDatabase.fresh(clickHouse).open()) {
            problems = problems(c, expanded(List.of(dashboard), tmp));
        }

        assertThat(problems).hasSize(8);
        assertThat(problems)
                .anyMatch(p -> p.startsWith("reads-tables.json variable queue reads table ")
                        && p.contains(".queue_minute (ReplacingMergeTree)"));
        assertThat(problems)
                .anyMatch(
                        p -> p.startsWith("reads-tables.json / table / A reads table ") && p.contains(".queue_minute"));
        assertThat(problems)
                .anyMatch(
                        p -> p.contains("/ table in a subquery / A") && p.contains(".queue_live (ReplacingMergeTree)"));
        assertThat(problems)
                .anyMatch(p -> p.contains("/ table in a scalar subquery / A") && p.contains(".business_days"));
        assertThat(problems).anyMatch(p -> p.contains("/ joined table / A") && p.contains(".dead_letters"));
        assertThat(problems).anyMatch(p -> p.contains("/ table function / A reads table function numbers"));
        assertThat(problems)
                .anyMatch(p -> p.startsWith("rule.yaml / reads-a-table reads table ") && p.contains(".queue_live"));
        assertThat(problems)
                .anyMatch(p -> p.startsWith("reads-tables.json / annotation spikes reads table ")
                        && p.contains(".complaint_spikes (ReplacingMergeTree)"));
        assertThat(problems).noneMatch(p -> p.contains("views only"));
    }

    /** Every variable, panel, annotation and alert query, variables set to a placeholder value and macros expanded. */
    private static List<Dashboards.Query> expanded(List<Path> dashboardFiles, Path folder) throws IOException {
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofHours(24));
        List<Dashboards.Query> raw = new ArrayList<>();
        for (Path file : dashboardFiles) {
            Map<String, GrafanaMacros.Selection> placeholders = new HashMap<>();
            for (Dashboards.Variable v : Dashboards.variables(file)) {
                placeholders.put(
                        v.name(),
                        v.multi()
                                ? GrafanaMacros.Selection.multi(List.of("placeholder"))
                                : GrafanaMacros.Selection.single("placeholder"));
                raw.add(new Dashboards.Query(
                        file.getFileName() + " variable " + v.name(), "variable", v.rawSql(), List.of()));
            }
            List<Dashboards.Query> withVariables = new ArrayList<>(Dashboards.panelQueries(file));
            withVariables.addAll(Dashboards.annotationQueries(file));
            for (Dashboards.Query q : withVariables) {
                raw.add(new Dashboards.Query(
                        q.where(),
                        q.panelType(),
                        GrafanaMacros.expandSelected(q.rawSql(), placeholders),
                        q.fieldNamesUsed()));
            }
        }
        raw.addAll(Dashboards.alertQueries(folder));
        return raw.stream()
                .map(q -> new Dashboards.Query(
                        q.where(),
                        q.panelType(),
                        GrafanaMacros.expandMacros(q.rawSql(), from, to, 60),
                        q.fieldNamesUsed()))
                .toList();
    }

    private static List<String> problems(Connection c, List<Dashboards.Query> queries) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Dashboards.Query q : queries) {
            for (String source : QuerySources.notViews(c, q.rawSql())) {
                problems.add(q.where() + " reads " + source);
            }
        }
        return problems;
    }
}
