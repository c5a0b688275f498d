package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HttpQueryTest {

    private static final byte[] NO_BODY = new byte[0];

    @Test
    void queryParameterThenNewlineThenBodyFormTheStatement() {
        HttpQuery q = HttpQuery.parse("query=INSERT%20INTO%20t%20FORMAT%20TSV", headers(Map.of()), bytes("1\tx\n"));

        assertThat(text(q.sql())).isEqualTo("INSERT INTO t FORMAT TSV\n1\tx\n");
    }

    @Test
    void bodyAloneOrQueryAloneIsTheStatement() {
        assertThat(text(HttpQuery.parse(null, headers(Map.of()), bytes("SELECT 1"))
                        .sql()))
                .isEqualTo("SELECT 1");
        assertThat(text(HttpQuery.parse("query=SELECT+1", headers(Map.of()), NO_BODY)
                        .sql()))
                .isEqualTo("SELECT 1");
    }

    @Test
    void formatAndDatabaseComeFromParametersBeforeHeaders() {
        Function<String, String> h = headers(Map.of("X-ClickHouse-Format", "JSON", "X-ClickHouse-Database", "hdb"));

        HttpQuery fromHeaders = HttpQuery.parse("", h, bytes("SELECT 1"));
        assertThat(fromHeaders.format()).isEqualTo("JSON");
        assertThat(fromHeaders.database()).contains("hdb");

        HttpQuery fromParams = HttpQuery.parse("default_format=CSV&database=pdb", h, bytes("SELECT 1"));
        assertThat(fromParams.format()).isEqualTo("CSV");
        assertThat(fromParams.database()).contains("pdb");
    }

    @Test
    void defaultsAreTabSeparatedNoDatabaseAndTheDefaultUser() {
        HttpQuery q = HttpQuery.parse("", headers(Map.of()), bytes("SELECT 1"));

        assertThat(q.format()).isEqualTo("TabSeparated");
        assertThat(q.database()).isEmpty();
        assertThat(q.credentials()).isEqualTo(new HttpQuery.Credentials("default", ""));
        assertThat(q.compressResponse()).isFalse();
        assertThat(q.httpCompression()).isFalse();
    }

    @Test
    void separatesSettingsQueryParametersAndHttpControls() {
        HttpQuery q = HttpQuery.parse(
                "compress=1&enable_http_compression=1&query_id=q1&max_threads=2"
                        + "&async_insert=0&param_agent=it%27s&session_id=s&wait_end_of_query=1&http_headers_progress_interval_ms=5"
                        + "&client_protocol_version=54460&decompress=1",
                headers(Map.of()), bytes("SELECT 1"));

        assertThat(q.settings()).containsOnly(Map.entry("max_threads", "2"), Map.entry("async_insert", "0"));
        assertThat(q.parameters()).containsOnly(Map.entry("agent", "it's"));
        assertThat(q.queryId()).contains("q1");
        assertThat(q.compressResponse()).isTrue();
        assertThat(q.httpCompression()).isTrue();
        assertThat(HttpQuery.wantsDecompression("decompress=1")).isTrue();
        assertThat(HttpQuery.wantsDecompression("compress=1")).isFalse();
    }

    @Test
    void queryIdFallsBackToTheHeader() {
        assertThat(HttpQuery.parse("", headers(Map.of("X-ClickHouse-Query-Id", "h1")), bytes("SELECT 1"))
                        .queryId())
                .contains("h1");
    }

    @Test
    void rejectsASettingNameThatIsNotAnIdentifier() {
        assertThatThrownBy(
                        () -> HttpQuery.parse("max_threads%3D1%2C%20readonly=0", headers(Map.of()), bytes("SELECT 1")))
                .isInstanceOf(ClickHouseException.class)
                .satisfies(e ->
                        assertThat(((ClickHouseException) e).error().code()).isEqualTo(36));
    }

    @Test
    void credentialsFromBasicAuthThenHeadersThenParameters() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(HttpQuery.parse("user=x&password=y", headers(Map.of("Authorization", basic)), NO_BODY)
                        .credentials())
                .isEqualTo(new HttpQuery.Credentials("alice", "pa:ss"));
        assertThat(HttpQuery.parse(
                                "user=x&password=y",
                                headers(Map.of("X-ClickHouse-User", "bob", "X-ClickHouse-Key", "k")),
                                NO_BODY)
                        .credentials())
                .isEqualTo(new HttpQuery.Credentials("bob", "k"));
        assertThat(HttpQuery.parse("user=carol&password=p%26w", headers(Map.of()), NO_BODY)
                        .credentials())
                .isEqualTo(new HttpQuery.Credentials("carol", "p&w"));
    }

    @Test
    void credentialsNeverAppearInToString() {
        assertThat(new HttpQuery.Credentials("alice", "s3cret").toString()).doesNotContain("s3cret");
    }

    private static Function<String, String> headers(Map<String, String> values) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(values);
        return caseInsensitive::get;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
