package org.ccpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SQL query the Grafana files send (panel targets, dashboard variables, alert rules), expanded
 * as Grafana and the ClickHouse plugin expand it, run on tables the job filled from simulated
 * traffic: it must run, and return what its panel needs (a time column for a time series, numbers
 * for a stat, every field its overrides name, a queue label and a number for an alert).
 */
@ExtendWith(ComponentsExtension.class)
class DashboardQueriesIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Set<Integer> NUMERIC = Set.of(
            Types.TINYINT,
            Types.SMALLINT,
            Types.INTEGER,
            Types.BIGINT,
            Types.FLOAT,
            Types.REAL,
            Types.DOUBLE,
            Types.NUMERIC,
            Types.DECIMAL);
    private static final Set<Integer> TEMPORAL = Set.of(Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);

    @TempDir
    Path dir;

    @Test
    void everyQueryRunsOnJobFilledTablesAndReturnsWhatItsPanelNeeds(
            KafkaEndpoint kafka, ClickHouseEndpoint clickHouse, @UniqueTopic(partitions = 3) String topic)
            throws Exception {
        // Yesterday and today, so the "last 60 minutes" and "today" windows of the wallboard have data.
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        SimulatedTraffic traffic = SimulatedTraffic.simulate(dir, 30, 2, yesterday, 5);
        traffic.produce(kafka.bootstrapServers(), topic);
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        JobRuns.runUntilNow(kafka, topic, db, DeploymentConfig.defaults());

        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofHours(24));
        List<String> failures = new ArrayList<>();
        int queries = 0;
        try (Connection c = db.open()) {
            for (Path file : Dashboards.dashboardFiles(Dashboards.folder())) {
                Map<String, List<String>> variables = new HashMap<>();
                for (Dashboards.Query variable : Dashboards.variableQueries(file)) {
                    List<String> values = firstColumn(c, GrafanaMacros.expandMacros(variable.rawSql(), from, to, 60));
                    assertThat(values)
                            .as(file.getFileName() + " variable " + variable.where() + " offers values")
                            .isNotEmpty();
                    variables.put(variable.where(), values); // "All": every value the variable offers
                    queries++;
                }
                for (Dashboards.Query query : Dashboards.panelQueries(file)) {
                    String sql = GrafanaMacros.expandMacros(
                            GrafanaMacros.expandVariables(query.rawSql(), variables), from, to, 60);
                    check(c, query, sql, failures);
                    queries++;
                }
            }
            for (Dashboards.Query alert : Dashboards.alertQueries(Dashboards.folder())) {
                check(c, alert, GrafanaMacros.expandMacros(alert.rawSql(), from, to, 60), failures);
                queries++;
            }
        }
        System.out.printf("%d Grafana queries run on job-filled tables%n", queries);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static void check(Connection c, Dashboards.Query query, String sql, List<String> failures) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            boolean numeric = false;
            boolean temporal = false;
            boolean queueLabel = false;
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i));
                numeric |= NUMERIC.contains(meta.getColumnType(i));
                temporal |= TEMPORAL.contains(meta.getColumnType(i));
                queueLabel |= meta.getColumnLabel(i).equals("queue") && meta.getColumnType(i) == Types.VARCHAR;
            }
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            switch (query.panelType()) {
                case "timeseries" -> require(temporal && numeric, query, "a time column and a number", names, failures);
                case "stat", "gauge", "bargauge" -> require(numeric, query, "a number", names, failures);
                case "alert" -> require(queueLabel && numeric, query, "a queue label and a number", names, failures);
                default -> {}
            }
            for (String field : query.fieldNamesUsed()) {
                require(names.contains(field), query, "the column '" + field + "' its overrides name", names, failures);
            }
            System.out.printf("  %-70s %5d rows%n", query.where(), rows);
        } catch (SQLException e) {
            failures.add(query.where() + ": " + e.getMessage() + "\n    " + sql);
        }
    }

    private static void require(
            boolean ok, Dashboards.Query query, String what, List<String> columns, List<String> failures) {
        if (!ok) {
            failures.add(query.where() + ": needs " + what + ", returns columns " + columns);
        }
    }

    private static List<String> firstColumn(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
