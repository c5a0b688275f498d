package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClickHouseErrorTest {

    @Test
    void parsesCodeMessageAndNameFromChdbText() {
        ClickHouseError e = ClickHouseError.parse("Code: 60. DB::Exception: Unknown table expression identifier 'nope' "
                + "in scope SELECT * FROM nope. (UNKNOWN_TABLE)");

        assertThat(e.code()).isEqualTo(60);
        assertThat(e.name()).isEqualTo("UNKNOWN_TABLE");
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.httpBody("26.7.2.1"))
                .isEqualTo("Code: 60. DB::Exception: Unknown table expression identifier "
                        + "'nope' in scope SELECT * FROM nope. (UNKNOWN_TABLE) (version 26.7.2.1)\n");
    }

    @Test
    void keepsMultiLineMessages() {
        ClickHouseError e = ClickHouseError.parse(
                "Code: 62. DB::Exception: Syntax error: failed at position 1\n(SELEC). (SYNTAX_ERROR)\n");

        assertThat(e.code()).isEqualTo(62);
        assertThat(e.message()).isEqualTo("Syntax error: failed at position 1\n(SELEC). (SYNTAX_ERROR)");
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void aMessageQuotingLongWhitespaceParsesQuickly() {
        String message = "Code: 62. DB::Exception: Syntax error: " + " ".repeat(500_000) + "x. (SYNTAX_ERROR)  \n";

        ClickHouseError e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ClickHouseError.parse(message));

        assertThat(e.code()).isEqualTo(62);
        assertThat(e.name()).isEqualTo("SYNTAX_ERROR");
    }

    @Test
    void textWithoutACodeIsAnUnknownException() {
        ClickHouseError e = ClickHouseError.parse("something broke");

        assertThat(e.code()).isEqualTo(1002);
        assertThat(e.name()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(e.httpStatus()).isEqualTo(500);
    }

    @Test
    void authenticationFailureIs516WithStatus401() {
        ClickHouseError e = ClickHouseError.authenticationFailed("alice");

        assertThat(e.code()).isEqualTo(516);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.httpBody("26.7"))
                .startsWith("Code: 516. DB::Exception: alice: Authentication failed")
                .contains("(AUTHENTICATION_FAILED)");
    }
}
