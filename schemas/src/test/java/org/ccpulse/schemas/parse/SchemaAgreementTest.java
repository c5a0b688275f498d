package org.ccpulse.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.schemas.parse.Corpus.CLOCK;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ccpulse.schemas.JsonSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema files in schemas/json say the same as the parsers: for every corpus record
 * whose rule JSON Schema can express, the schema accepts it exactly when the parser does, and
 * when both reject, the schema's errors point at the field the parser names.
 */
class SchemaAgreementTest {
    static Stream<Arguments> corpus() {
        return Stream.of(
                        cases("contact-event.schema.json", new ContactEventParser(CLOCK), Corpus.contactEvents()),
                        cases("ticket.schema.json", new TicketParser(CLOCK), Corpus.tickets()),
                        cases("order.schema.json", new OrderParser(CLOCK), Corpus.orders()))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> cases(String schemaFile, RecordParser<?> parser, List<Corpus.Case> cases) {
        Schema schema = JsonSchemas.load(schemaFile);
        return cases.stream()
                .filter(Corpus.Case::schemaExpressible)
                .map(c -> Arguments.of(schemaFile + ": " + c.name(), schema, parser, c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void schemaAndParserGiveTheSameVerdict(String name, Schema schema, RecordParser<?> parser, Corpus.Case c) {
        List<Error> errors = schema.validate(c.text(), InputFormat.JSON);
        ParseResult<?> parsed = parser.parse(c.value());

        if (parsed instanceof ParseResult.Rejected<?> rejected) {
            assertThat(errors)
                    .as("schema errors for %s (parser: %s)", c.text(), rejected.rejection())
                    .isNotEmpty();
            assertThat(fieldsNamedBy(errors))
                    .as("%s", errors)
                    .contains(rejected.rejection().field());
        } else {
            assertThat(errors).as("schema errors for %s", c.text()).isEmpty();
        }
    }

    /** The top-level field each error is about: the missing property, or the first step of its location. */
    private static Set<String> fieldsNamedBy(List<Error> errors) {
        return errors.stream()
                .map(e -> e.getProperty() != null
                        ? e.getProperty()
                        : e.getInstanceLocation().getNameCount() > 0
                                ? e.getInstanceLocation().getName(0)
                                : "")
                .collect(Collectors.toSet());
    }
}
