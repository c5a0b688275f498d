package org.ccpulse.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on parse results shared by the parser tests. */
final class Verdicts {
    private Verdicts() {}

    /** Asserts {@code parser} gives exactly the verdict {@code c} expects. */
    static void assertVerdict(RecordParser<?> parser, Corpus.Case c) {
        ParseResult<?> result = parser.parse(c.value());
        if (c.accepted()) {
            assertThat(result).as(c.text()).isInstanceOf(ParseResult.Accepted.class);
        } else {
            Rejection rejection = rejection(result);
            assertThat(rejection.problem())
                    .as("problem for %s -> %s", c.text(), rejection)
                    .isEqualTo(c.problem());
            assertThat(rejection.field())
                    .as("field for %s -> %s", c.text(), rejection)
                    .isEqualTo(c.field());
            assertThat(rejection.detail()).isNotBlank();
        }
    }

    static Rejection rejection(ParseResult<?> result) {
        assertThat(result).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected<?>) result).rejection();
    }

    static <T> T accepted(ParseResult<T> result) {
        assertThat(result).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted<T>) result).event();
    }
}
