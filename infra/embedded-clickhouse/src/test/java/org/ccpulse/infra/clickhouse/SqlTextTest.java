package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void quotesIdentifiersAndLiteralsSoThatTheyCannotEndEarly() {
        assertThat(SqlText.identifier("my`db\\")).isEqualTo("`my\\`db\\\\`");
        assertThat(SqlText.literal("it's \\ done")).isEqualTo("'it\\'s \\\\ done'");
    }

    @Test
    void parameterValuesAreEscapedAsTheEngineReadsThem() {
        assertThat(SqlText.escapedParameter("a\tb\nc\\d 'e'")).isEqualTo("a\\tb\\nc\\\\d 'e'");
    }

    @Test
    void setStatementListsEverySettingAsALiteral() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_threads", "2");
        settings.put("session_timezone", "Europe/Paris");

        assertThat(SqlText.setStatement(settings))
                .isEqualTo("SET max_threads = '2', session_timezone = 'Europe/Paris'");
    }
}
