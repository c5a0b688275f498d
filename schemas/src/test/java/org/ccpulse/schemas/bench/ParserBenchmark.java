package org.ccpulse.schemas.bench;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.OrderParser;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.RecordParser;
import org.ccpulse.schemas.parse.TicketParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Single-thread parse throughput; one operation is one record, so the score is records/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {
    static final int RECORDS = 4096;
    static final long SEED = 42;

    private final Clock clock = Clock.fixed(SampleRecords.NOW, ZoneOffset.UTC);
    private final ContactEventParser contactEvents = new ContactEventParser(clock);
    private final TicketParser tickets = new TicketParser(clock);
    private final OrderParser orders = new OrderParser(clock);
    private byte[][] contactEventRecords;
    private byte[][] ticketRecords;
    private byte[][] orderRecords;

    @Setup
    public void generate() {
        // a generator per topic, so each topic's records depend only on the seed
        contactEventRecords = allAccepted(contactEvents, new SampleRecords(SEED).contactEvents(RECORDS));
        ticketRecords = allAccepted(tickets, new SampleRecords(SEED).tickets(RECORDS));
        orderRecords = allAccepted(orders, new SampleRecords(SEED).orders(RECORDS));
        parseAllTopicsForAWhile();
    }

    /**
     * In a task manager the three parsers share their code (TopicParser, RecordReader), so the
     * JIT sees all three field sets at the same call sites. Running all three first makes each
     * benchmark measure that realistic (megamorphic) case, not a single-topic best case.
     */
    private void parseAllTopicsForAWhile() {
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < RECORDS; i++) {
                contactEvents.parse(contactEventRecords[i]);
                tickets.parse(ticketRecords[i]);
                orders.parse(orderRecords[i]);
            }
        }
    }

    /** A benchmark of the happy path must not quietly measure rejections. */
    private static byte[][] allAccepted(RecordParser<?> parser, List<byte[]> records) {
        for (byte[] record : records) {
            if (!(parser.parse(record) instanceof ParseResult.Accepted<?>)) {
                throw new IllegalStateException("sample rejected: " + parser.parse(record) + " " + new String(record));
            }
        }
        return records.toArray(new byte[0][]);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void contactEvents(Blackhole out) {
        for (byte[] record : contactEventRecords) {
            out.consume(contactEvents.parse(record));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void tickets(Blackhole out) {
        for (byte[] record : ticketRecords) {
            out.consume(tickets.parse(record));
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void orders(Blackhole out) {
        for (byte[] record : orderRecords) {
            out.consume(orders.parse(record));
        }
    }
}
