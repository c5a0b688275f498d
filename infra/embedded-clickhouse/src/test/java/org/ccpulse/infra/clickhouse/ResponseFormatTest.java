package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseFormatTest {

    @Test
    void formatClauseOfTheQueryWinsOverTheRequestDefault() {
        assertThat(ResponseFormat.of(query("SELECT 1 FORMAT JSONEachRow;\n", "CSV")))
                .isEqualTo("JSONEachRow");
        assertThat(ResponseFormat.of(query("SELECT 'FORMAT' AS f", "CSV"))).isEqualTo("CSV");
    }

    @Test
    void anInsertsFormatIsItsInputNotItsOutput() {
        assertThat(ResponseFormat.of(query("INSERT INTO t FORMAT TSV\n1\n", "RowBinaryWithNamesAndTypes")))
                .isEqualTo("RowBinaryWithNamesAndTypes");
    }

    @Test
    void contentTypes() {
        assertThat(ResponseFormat.contentType("TabSeparated")).startsWith("text/tab-separated-values");
        assertThat(ResponseFormat.contentType("JSONCompact")).startsWith("application/json");
        assertThat(ResponseFormat.contentType("RowBinaryWithNamesAndTypes")).isEqualTo("application/octet-stream");
        assertThat(ResponseFormat.contentType("Pretty")).startsWith("text/plain");
    }

    private static HttpQuery query(String sql, String format) {
        return HttpQuery.parse("default_format=" + format, name -> null, sql.getBytes(StandardCharsets.UTF_8));
    }
}
