package org.ccpulse.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The INSERT text and the bind calls follow from the one list of columns. */
class ClickHouseTableTest {

    record Waiting(String queue, long waiting, double target, long asOfMs, long epochDay, Long oldestMs) {}

    private static final ClickHouseTable<Waiting> WAITING = ClickHouseTable.<Waiting>named("waiting")
            .text("queue", Waiting::queue)
            .integer("waiting", Waiting::waiting)
            .floating("sl_target", Waiting::target)
            .utc("as_of", Waiting::asOfMs)
            .date("business_date", Waiting::epochDay)
            .nullableUtc("oldest_queued_at", Waiting::oldestMs)
            .column("note", (st, i, w) -> st.setString(i, "by hand"));

    private static final long AS_OF = Instant.parse("2025-03-30T01:59:58.250Z").toEpochMilli();
    private static final long DAY = LocalDate.parse("2025-03-30").toEpochDay();

    @Test
    void theInsertNamesEveryColumnInOrderWithOnePlaceholderEach() {
        assertThat(WAITING.insertSql())
                .isEqualTo(
                        "INSERT INTO waiting (queue, waiting, sl_target, as_of, business_date, oldest_queued_at, note) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)");
        assertThat(WAITING.name()).isEqualTo("waiting");
        assertThat(WAITING.columnNames())
                .containsExactly("queue", "waiting", "sl_target", "as_of", "business_date", "oldest_queued_at", "note");
    }

    @Test
    void valuesAreBoundInColumnOrderByKind() throws Exception {
        long oldest = AS_OF - 90_000;
        assertThat(bind(WAITING, new Waiting("billing", 3, 0.8, AS_OF, DAY, oldest)))
                .containsExactly(
                        "setString(1, billing)",
                        "setLong(2, 3)",
                        "setDouble(3, 0.8)",
                        "setString(4, 2025-03-30 01:59:58.250)",
                        "setString(5, 2025-03-30)",
                        "setString(6, 2025-03-30 01:58:28.250)",
                        "setString(7, by hand)");
    }

    @Test
    void aNullInstantIsBoundAsNull() throws Exception {
        assertThat(bind(WAITING, new Waiting("billing", 0, 0.8, AS_OF, DAY, null)))
                .contains("setNull(6, " + Types.TIMESTAMP + ")")
                .hasSize(7);
    }

    @Test
    void aDescriptionSurvivesJavaSerializationLambdasIncluded() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(WAITING); // what Flink does with the sink in the job graph
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }
        @SuppressWarnings("unchecked")
        ClickHouseTable<Waiting> table = (ClickHouseTable<Waiting>) copy;
        Waiting row = new Waiting("sales", 7, 0.9, AS_OF, DAY, null);
        assertThat(table.insertSql()).isEqualTo(WAITING.insertSql());
        assertThat(bind(table, row)).isEqualTo(bind(WAITING, row));
    }

    @Test
    void eachStepIsANewDescriptionSoConstantsCannotBeChangedLater() {
        ClickHouseTable<Waiting> one = ClickHouseTable.<Waiting>named("t").text("a", Waiting::queue);
        ClickHouseTable<Waiting> two = one.integer("b", Waiting::waiting);
        assertThat(one.columnNames()).containsExactly("a");
        assertThat(two.columnNames()).containsExactly("a", "b");
    }

    @Test
    void namesArePlainIdentifiersListedOnce() {
        ClickHouseTable<Waiting> t = ClickHouseTable.<Waiting>named("t").text("a", Waiting::queue);
        assertThatThrownBy(() -> ClickHouseTable.named("t; DROP TABLE x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.text("a b", Waiting::queue)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.integer("a", Waiting::waiting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ClickHouseTable.named("t").insertSql()).isInstanceOf(IllegalStateException.class);
    }

    /** The setter calls {@code table} makes for {@code row}, as {@code setX(index, value)}. */
    static <T> List<String> bind(ClickHouseTable<T> table, T row) throws Exception {
        List<String> calls = new ArrayList<>();
        PreparedStatement recording = (PreparedStatement) Proxy.newProxyInstance(
                ClickHouseTableTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (!method.getName().startsWith("set")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    calls.add(method.getName() + "("
                            + Arrays.stream(args).map(String::valueOf).collect(Collectors.joining(", ")) + ")");
                    return null;
                });
        table.bind(row, recording);
        return calls;
    }
}
