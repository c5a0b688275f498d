package org.ccpulse.local;

/** What the terminal says once everything runs: where ClickHouse answers and how to point a Grafana at it. */
final class Banner {

    static final String GRAFANA_PLUGIN = "grafana-clickhouse-datasource@4.20.0";

    private Banner() {}

    static String render(String clickHouseUrl, int clickHousePort, Credentials credentials) {
        return """

                ClickHouse answers at %1$s
                  user %2$s     full access (job, migrations); password %3$s
                  user %4$s     read-only (Grafana, the summary below); password %5$s

                Grafana (dashboards/provisioning/datasources/clickhouse.yaml reads these variables):
                  CCPULSE_CLICKHOUSE_HOST=127.0.0.1  CCPULSE_CLICKHOUSE_PORT=%6$d
                  CCPULSE_CLICKHOUSE_GRAFANA_USER=%4$s  CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD=<the password above>
                  GF_PLUGINS_PREINSTALL_SYNC=%7$s
                  mount dashboards/provisioning -> /etc/grafana/provisioning
                        dashboards/ccpulse      -> /var/lib/grafana/dashboards/ccpulse
                  (infra/local/README.md has a ready command)

                Live summary every 5 s; Ctrl-C stops everything.
                """.formatted(
                        clickHouseUrl,
                        LocalRun.WRITER_USER,
                        credentials.writerPasswordHint(),
                        LocalRun.GRAFANA_USER,
                        credentials.grafanaPasswordHint(),
                        clickHousePort,
                        GRAFANA_PLUGIN);
    }
}
