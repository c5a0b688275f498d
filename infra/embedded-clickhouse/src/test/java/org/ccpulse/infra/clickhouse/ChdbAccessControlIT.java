package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may do what, against the real server: a writer and Grafana's read-only user, as in the local
 * run, with a secret file next to the data directory (where the local run keeps its credentials).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChdbAccessControlIT {

    private static final String WRITER = "ccpulse";
    private static final String WRITER_PASSWORD = "writer-secret";
    private static final String READER = "grafana";
    private static final String READER_PASSWORD = "reader-secret";
    private static final String SECRET = "s3cr3t-in-the-credentials-file";

    @TempDir
    static Path dir;

    private EmbeddedClickHouse server;
    private Path credentials;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        credentials = dir.resolve("credentials");
        Files.writeString(credentials, "writer_password=" + SECRET + "\n");
        server = EmbeddedClickHouse.start(
                dir.resolve("clickhouse"),
                EmbeddedClickHouse.Options.defaults()
                        .withCredentials(WRITER, WRITER_PASSWORD)
                        .withReadOnlyUser(READER, READER_PASSWORD)
                        .withReadOnlyDatabase("dash"));
        for (String sql : List.of(
                "CREATE DATABASE dash",
                "CREATE TABLE dash.calls (id UInt32, agent String, wait_s Float64) ENGINE = MergeTree ORDER BY id",
                "INSERT INTO dash.calls VALUES (1, 'ann', 12.5), (2, 'bob', 3), (3, 'ann', 30)",
                "CREATE VIEW dash.by_agent AS SELECT agent, count() AS calls, avg(wait_s) AS asa FROM dash.calls GROUP BY agent",
                "CREATE VIEW dash.agent_calls AS SELECT id, wait_s FROM dash.calls WHERE agent = {agent:String}",
                "CREATE DATABASE secrets",
                "CREATE TABLE secrets.keys (k String) ENGINE = MergeTree ORDER BY k",
                "INSERT INTO secrets.keys VALUES ('" + SECRET + "')")) {
            assertThat(as(WRITER, "", sql).statusCode()).as(sql).isEqualTo(200);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---- the read-only user: no table function that reaches files, URLs or other servers

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM file('CREDENTIALS', 'LineAsString')",
                "select * from file('CREDENTIALS', 'LineAsString')",
                "SELECT /* hidden */ *\n FROM\tfile ( 'CREDENTIALS' , 'LineAsString' ) -- comment",
                "SELECT f.line FROM file('CREDENTIALS', 'LineAsString') AS f",
                "SELECT count() FROM (SELECT * FROM (SELECT * FROM file('CREDENTIALS', 'LineAsString')))",
                "SELECT agent FROM dash.calls WHERE agent IN (SELECT line FROM file('CREDENTIALS', 'LineAsString'))",
                "WITH leaked AS (SELECT * FROM file('CREDENTIALS', 'LineAsString')) SELECT * FROM leaked",
                "SELECT 'x' UNION ALL SELECT line FROM file('/etc/passwd', 'LineAsString')",
                "SELECT file('CREDENTIALS')",
                "SELECT length(file('/etc/passwd')) > 0",
                "SELECT * FROM url('http://127.0.0.1:9/', 'LineAsString')",
                "SELECT * FROM remote('127.0.0.1:9', system.one)",
                "SELECT * FROM remoteSecure('127.0.0.1:9', system.one)",
                "SELECT * FROM s3('http://127.0.0.1:9/bucket/x.csv', 'CSV')",
                "SELECT * FROM mysql('127.0.0.1:9', 'db', 't', 'u', 'p')",
                "SELECT * FROM postgresql('127.0.0.1:9', 'db', 't', 'u', 'p')",
                "SELECT * FROM hdfs('hdfs://127.0.0.1:9/x', 'CSV')",
                "SELECT * FROM jdbc('ds', 't')",
                "SELECT * FROM odbc('ds', 't')",
                "SELECT * FROM azureBlobStorage('http://127.0.0.1:9', 'c', 'b')",
                "SELECT * FROM executable('cat CREDENTIALS', 'LineAsString', 'line String')",
                "SELECT * FROM filesystem('/etc')",
                "SELECT * FROM merge('secrets', '.*')",
                "SELECT * FROM default.`CREDENTIALS`",
                "INSERT INTO FUNCTION file('CREDENTIALS.copy', 'CSV') SELECT 1"
            })
    void theReadOnlyUserCannotReachFilesUrlsOrOtherServers(String sql) throws Exception {
        HttpResponse<String> r = asReader(sql.replace("CREDENTIALS", credentials.toString()));

        assertRefused(r, 497, "ACCESS_DENIED");
        assertThat(Path.of(credentials + ".copy")).doesNotExist();
    }

    @Test
    void aTableFunctionNameInAnotherCaseIsNoTableFunctionAtAll() throws Exception {
        HttpResponse<String> r = asReader("SELECT * FROM FILE('" + credentials + "', 'LineAsString')");

        assertRefused(r, 46, "UNKNOWN_FUNCTION");
    }

    // ---- the read-only user: no write, no DDL, no control statement, no file written

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO dash.calls VALUES (9, 'eve', 1)",
                "insert into dash.calls select * from dash.calls",
                "CREATE TABLE dash.t (x UInt8) ENGINE = Memory",
                "create view dash.v as select 1",
                "DROP TABLE dash.calls",
                "drop database dash",
                "TRUNCATE TABLE dash.calls",
                "ALTER TABLE dash.calls DELETE WHERE 1",
                "RENAME TABLE dash.calls TO dash.c2",
                "OPTIMIZE TABLE dash.calls FINAL",
                "SET ROLE ccpulse_full",
                "SET ROLE ALL",
                "SYSTEM FLUSH LOGS",
                "USE secrets"
            })
    void theReadOnlyUserCannotWriteOrChangeAnything(String sql) throws Exception {
        HttpResponse<String> r = asReader(sql);

        assertRefused(r, 164, "READONLY");
        assertThat(as(WRITER, "", "SELECT count() FROM dash.calls").body()).isEqualTo("3\n");
    }

    @Test
    void theReadOnlyUserCannotWriteAFileWithIntoOutfile() throws Exception {
        Path target = dir.resolve("out.tsv");

        assertRefused(
                asReader("SELECT * FROM dash.calls INTO OUTFILE '" + target + "'"), 358, "INTO OUTFILE is not allowed");
        assertThat(target).doesNotExist();
    }

    @Test
    void theReadOnlyUserCannotSmuggleAStatementAfterARead() throws Exception {
        assertRefused(asReader("SELECT 1; DROP TABLE dash.calls"), 62, "Multi-statements are not allowed");
        assertRefused(asReader("select 1;insert into dash.calls values (8, 'x', 1)"), 62, "Multi-statements");
        assertThat(as(WRITER, "", "SELECT count() FROM dash.calls").body()).isEqualTo("3\n");
    }

    @Test
    void theReadOnlyUserCannotLeaveReadonlyModeOrChangeWhatSettingsRead() throws Exception {
        assertRefused(as(READER, "readonly=0", "SELECT 1"), 164, "Cannot modify 'readonly' setting in readonly mode");
        assertRefused(asReader("SET readonly = 0"), 164, "readonly");
        assertRefused(
                as(READER, "format_template_row=" + enc(credentials.toString()), "SELECT 1 FORMAT Template"),
                452,
                "should not be changed");
        assertRefused(
                asReader("SELECT 1 SETTINGS additional_result_filter = 'throwIf(1, file(''" + credentials + "''))'"),
                452,
                "should not be changed");
    }

    // ---- the read-only user: its database and what Grafana's plugin reads, nothing else

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM secrets.keys",
                "SELECT * FROM dash.calls JOIN secrets.keys ON 1",
                "SELECT * FROM dash.calls WHERE agent IN (SELECT k FROM secrets.keys)",
                "SELECT (SELECT any(k) FROM secrets.keys)",
                "SELECT query FROM system.processes",
                "SELECT * FROM system.settings",
                "SELECT 1 WHERE 'x' IN system.processes",
                "SELECT * FROM INFORMATION_SCHEMA.TABLES",
                "DESCRIBE (SELECT * FROM system.processes)",
                "SHOW PROCESSLIST"
            })
    void theReadOnlyUserReadsNoOtherDatabaseNorOtherSystemTables(String sql) throws Exception {
        HttpResponse<String> r = asReader(sql);

        assertRefused(r, 497, "ACCESS_DENIED");
    }

    @Test
    void aTableNamedByAQueryParameterIsCheckedToo() throws Exception {
        assertRefused(as(READER, "param_t=keys", "SELECT * FROM secrets.{t:Identifier}"), 497, "not secrets.keys");
        assertRefused(as(READER, "param_db=system", "SELECT * FROM {db:Identifier}.processes"), 497, "ACCESS_DENIED");
        assertThat(as(READER, "param_t=calls", "SELECT count() FROM dash.{t:Identifier}")
                        .body())
                .isEqualTo("3\n");
    }

    @Test
    void theReadOnlyUserWorksInItsOwnDatabaseOnly() throws Exception {
        assertRefused(as(READER, "database=secrets", "SELECT count() FROM keys"), 497, "works in database dash");
        assertThat(as(READER, "database=dash", "SELECT count() FROM calls").body())
                .isEqualTo("3\n");
        assertThat(asReader("SELECT currentDatabase()").body()).isEqualTo("dash\n");
    }

    @Test
    void theReadOnlyUserRunsWhatDashboardsAndGrafanasPluginRun() throws Exception {
        // panels: views, settings as URL parameters (the plugin sends max_execution_time), parameters
        HttpResponse<String> panel = as(
                READER,
                "max_execution_time=30&max_result_rows=1000&param_agent=ann",
                "SELECT agent, calls FROM by_agent WHERE agent = {agent:String} ORDER BY agent");
        assertThat(panel.statusCode()).as(panel.body()).isEqualTo(200);
        assertThat(panel.body()).isEqualTo("ann\t2\n");
        assertThat(as(READER, "", "SELECT count(), sum(wait_s) FROM agent_calls(agent = 'ann')")
                        .body())
                .isEqualTo("2\t42.5\n");
        assertThat(as(READER, "", "SELECT count() FROM dash.by_agent SETTINGS max_threads = 1")
                        .body())
                .isEqualTo("2\n");
        assertThat(asReader("SET max_execution_time = 30").statusCode()).isEqualTo(200);
        // the plugin's own queries: version, schema browsing, function list
        for (String sql : List.of(
                "SELECT version()",
                "SHOW DATABASES",
                "SHOW TABLES FROM \"dash\"",
                "DESC TABLE \"dash\".\"calls\"",
                "SELECT name FROM system.databases ORDER BY name",
                "SELECT name FROM system.tables WHERE database = 'dash' ORDER BY name",
                "SELECT name, type, table FROM system.columns WHERE database IN ('dash') AND table = 'calls'",
                "SELECT name, is_aggregate FROM system.functions LIMIT 10000",
                "SELECT count() FROM numbers(10)",
                "EXISTS TABLE dash.calls",
                "EXPLAIN SELECT * FROM by_agent")) {
            HttpResponse<String> r = asReader(sql);
            assertThat(r.statusCode()).as(sql + ": " + r.body()).isEqualTo(200);
        }
        // schema browsing shows its own database only
        assertThat(asReader("SHOW DATABASES").body()).contains("dash").doesNotContain("secrets");
        assertThat(asReader("SELECT DISTINCT database FROM system.tables WHERE database NOT IN ('system',"
                                + " 'INFORMATION_SCHEMA', 'information_schema')")
                        .body())
                .isEqualTo("dash\n");
    }

    @Test
    void eachRequestRunsWithTheCallersRole() throws Exception {
        assertThat(asReader("SELECT currentRoles(), getSetting('readonly')").body())
                .isEqualTo("['" + EngineConfig.READ_ONLY_ROLE + "']\t2\n");
        assertThat(as(WRITER, "", "SELECT currentRoles(), getSetting('readonly')")
                        .body())
                .isEqualTo("['" + EngineConfig.FULL_ROLE + "']\t0\n");
    }

    // ---- the writer: everything in the databases, nothing of the host's files

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM file('CREDENTIALS', 'LineAsString')",
                "SELECT file('CREDENTIALS')",
                "SELECT line FROM file('/etc/passwd', 'LineAsString')",
                "SELECT * FROM default.`CREDENTIALS`",
                "SELECT * FROM url('http://127.0.0.1:9/', 'LineAsString')",
                "SELECT * FROM remote('127.0.0.1:9', system.one)",
                "INSERT INTO FUNCTION file('DIR/written.csv', 'CSV') SELECT 1",
                "CREATE TABLE dash.ft (line String) ENGINE = File(LineAsString, 'CREDENTIALS')",
                "CREATE DATABASE host_files ENGINE = Filesystem('DIR')",
                "CREATE DICTIONARY dash.d (line String) PRIMARY KEY line"
                        + " SOURCE(FILE(path 'CREDENTIALS' format 'LineAsString')) LAYOUT(FLAT()) LIFETIME(0)",
                "CREATE FUNCTION read_host_file AS (p) -> file(p)"
            })
    void theWriterCannotReadOrWriteTheHostsFiles(String sql) throws Exception {
        HttpResponse<String> r = as(
                WRITER, "", sql.replace("CREDENTIALS", credentials.toString()).replace("DIR", dir.toString()));

        assertRefused(r, 497, "ACCESS_DENIED");
        assertThat(dir.resolve("written.csv")).doesNotExist();
    }

    @Test
    void theWritersValuesExpressionsCannotReadTheHostsFiles() throws Exception {
        // expressions in VALUES are evaluated as the rows are read: only the file confinement sees them
        as(WRITER, "", "CREATE TABLE dash.lines (line String) ENGINE = MergeTree ORDER BY line");

        HttpResponse<String> r = as(WRITER, "", "INSERT INTO dash.lines VALUES ('a'), (file('" + credentials + "'))");

        assertThat(r.statusCode()).isNotEqualTo(200);
        assertThat(r.body()).contains("Code: 76.").contains("Permission denied");
        assertThat(as(WRITER, "", "SELECT count() FROM dash.lines").body()).isEqualTo("0\n");
    }

    @Test
    void theWriterCannotUseTheEmbeddedClientsFileClauses() throws Exception {
        Path target = dir.resolve("outfile.tsv");
        as(WRITER, "", "CREATE TABLE dash.imported (line String) ENGINE = MergeTree ORDER BY line");

        assertRefused(as(WRITER, "", "SELECT 1 INTO OUTFILE '" + target + "'"), 358, "INTO OUTFILE is not allowed");
        assertRefused(
                as(WRITER, "", "INSERT INTO dash.imported FROM INFILE '" + credentials + "' FORMAT LineAsString"),
                78,
                "Query has infile");
        assertThat(target).doesNotExist();
        assertThat(as(WRITER, "", "SELECT count() FROM dash.imported").body()).isEqualTo("0\n");
    }

    @Test
    void aLongStatementIsAnalysedWhole() throws Exception {
        String padding = " ".repeat(ChdbEngine.HEAD_PREFIX + 1000);
        as(WRITER, "", "CREATE TABLE dash.wide (line String) ENGINE = MergeTree ORDER BY line");

        assertRefused(
                as(WRITER, "", "INSERT INTO dash.wide SELECT" + padding + "file('" + credentials + "')"),
                497,
                "Function file()");
        assertRefused(
                as(
                        WRITER,
                        "",
                        "INSERT INTO dash.wide" + padding + "FROM INFILE '" + credentials + "' FORMAT LineAsString"),
                78,
                "Query has infile");
        assertRefused(asReader("SELECT 1" + padding + "FROM secrets.keys"), 497, "not secrets.keys");
        // while a long INSERT of inline rows is read up to its rows only, and runs
        StringJoiner rows = new StringJoiner(", ", "INSERT INTO dash.wide VALUES ", "");
        for (int i = 0; i < 10_000; i++) {
            rows.add("('row " + i + "')");
        }
        assertThat(as(WRITER, "", rows.toString()).statusCode()).isEqualTo(200);
        assertThat(as(WRITER, "", "SELECT count() FROM dash.wide").body()).isEqualTo("10000\n");
    }

    @Test
    void theWriterCannotPointSettingsAtFilesOrEvaluateSqlFromThem() throws Exception {
        assertRefused(
                as(WRITER, "format_template_row=" + enc(credentials.toString()), "SELECT 1 FORMAT Template"),
                452,
                "Setting format_template_row should not be changed");
        assertRefused(
                as(
                        WRITER,
                        "",
                        "SELECT 1 SETTINGS additional_result_filter = 'throwIf(1, file(''" + credentials + "''))'"),
                452,
                "should not be changed");
    }

    @Test
    void theWriterCannotRunServerOrSessionControlStatements() throws Exception {
        for (String sql : List.of(
                "SYSTEM FLUSH LOGS",
                "KILL QUERY WHERE 1",
                "SET ROLE ccpulse_read_only",
                "DETACH TABLE dash.calls",
                "CREATE TEMPORARY TABLE tmp (x UInt8)")) {
            assertRefused(as(WRITER, "", sql), 392, "QUERY_IS_PROHIBITED");
        }
        // SET and USE only change the request's own connection, and stay allowed
        assertThat(as(WRITER, "", "SET max_threads = 1").statusCode()).isEqualTo(200);
        assertThat(as(WRITER, "", "USE dash").statusCode()).isEqualTo(200);
        assertThat(as(WRITER, "", "SELECT count() FROM dash.calls SETTINGS mutations_sync = 2")
                        .body())
                .isEqualTo("3\n");
    }

    @Test
    void theWriterStillOwnsItsDatabases() throws Exception {
        for (String sql : List.of(
                "CREATE DATABASE IF NOT EXISTS scratch",
                "CREATE TABLE scratch.t (k String, v UInt32) ENGINE = ReplacingMergeTree ORDER BY k",
                "INSERT INTO scratch.t SELECT toString(number % 3), number FROM numbers(10)",
                "INSERT INTO scratch.t VALUES ('x', toUInt32(now64(3)) % 2)",
                "CREATE OR REPLACE VIEW scratch.v AS SELECT k, max(v) AS v FROM scratch.t GROUP BY k",
                "CREATE FUNCTION IF NOT EXISTS scratch_twice AS (x) -> 2 * x",
                "ALTER TABLE scratch.t ADD COLUMN w UInt8 DEFAULT 1",
                "OPTIMIZE TABLE scratch.t FINAL",
                "SELECT count() FROM system.tables WHERE database = 'scratch'",
                "DROP TABLE scratch.t",
                "DROP DATABASE scratch")) {
            HttpResponse<String> r = as(WRITER, "", sql);
            assertThat(r.statusCode()).as(sql + ": " + r.body()).isEqualTo(200);
        }
    }

    private void assertRefused(HttpResponse<String> r, int code, String text) {
        assertThat(r.statusCode()).as(r.body()).isNotEqualTo(200);
        assertThat(r.headers().firstValue("X-ClickHouse-Exception-Code"))
                .as(r.body())
                .contains(Integer.toString(code));
        assertThat(r.body())
                .matches("(?s)Code: " + code + "\\. DB::Exception: .*\\([A-Z_]+\\) \\(version [0-9.]+\\)\n")
                .contains(text)
                .doesNotContain(SECRET)
                .doesNotContain("root:x:0:0");
    }

    private HttpResponse<String> asReader(String sql) throws IOException, InterruptedException {
        return as(READER, "", sql);
    }

    private HttpResponse<String> as(String user, String params, String sql) throws IOException, InterruptedException {
        String password = user.equals(READER) ? READER_PASSWORD : WRITER_PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.httpUrl() + "/" + (params.isEmpty() ? "" : "?" + params)))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
