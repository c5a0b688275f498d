package org.ccpulse.jobs.bench;

import static org.ccpulse.jobs.bench.BenchmarkOutput.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.FileUtils;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.Components;
import org.ccpulse.infra.kafka.KafkaTopics;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.customervalue.CustomerFigures;
import org.ccpulse.jobs.customervalue.CustomerValueConfig;
import org.ccpulse.jobs.customervalue.CustomerValueJob;
import org.ccpulse.jobs.customervalue.RfmTracker;
import org.ccpulse.jobs.customervalue.Tick;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.simulator.SimulatorMain;
import org.ccpulse.simulator.mess.Mess;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.model.ArrivalCurve;
import org.ccpulse.simulator.model.CustomerBase;
import org.ccpulse.simulator.model.Ids;
import org.ccpulse.simulator.model.ModelOutput;
import org.ccpulse.simulator.model.Scheduler;
import org.ccpulse.simulator.model.Shop;
import org.ccpulse.simulator.output.Delivery;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.KafkaSink;
import org.ccpulse.simulator.output.Outbox;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark of the customer-value job (RFM tracker, tier ticks, churn alerts), Kafka to ClickHouse, on this machine,
 * over a pre-filled orders topic of {@code --customers} shoppers and {@code --days} days, made by the simulator's own
 * shopper model ({@link CustomerBase}, {@link Shop}: log-normal order scale and purchase rate, refunds, churners) and
 * its default mess ({@link Mess}: out-of-order, late, redelivered and bad records), without the contact center; the
 * tickets and contact-events topics are empty.
 * <ol>
 *   <li>throughput: the job bounded at the topics' end, at each parallelism, with the CPU it used (orders per
 *       CPU-second of the job's threads, wall-clock, whole JVM);
 *   <li>state size: the job live over the same topic with incremental checkpoints every 10 s until its group has
 *       committed the whole topic, then one more checkpoint: its full size, per operator, and per customer;
 *   <li>tier tick pass: {@link RfmTracker}'s pass over every customer's figures ({@code applyToKeyedState}) on a tick,
 *       timed in Flink's operator harness on RocksDB with one order per customer of the same model (the pass reads
 *       only the figures' state, one entry per customer).
 * </ol>
 * Prints figures; asserts nothing. How to run it and what it measured: jobs/BENCHMARKS.md.
 */
@Command(
        name = "customer-value-benchmark",
        mixinStandardHelpOptions = true,
        description = "Throughput, checkpoint size per customer and tier tick pass of the customer-value job.")
public final class CustomerValueBenchmark implements Callable<Integer> {

    @Option(
            names = "--customers",
            defaultValue = "1000000",
            description = "shoppers (customers who buy; the simulator's base is ten times as many, a tenth of whom"
                    + " shop). Default: ${DEFAULT-VALUE}")
    int customers;

    @Option(
            names = "--days",
            defaultValue = "365",
            description = "simulated days of orders, ending today (UTC). Default: ${DEFAULT-VALUE}")
    int days;

    @Option(
            names = "--parallelism",
            split = ",",
            defaultValue = "1",
            description = "parallelisms of the throughput runs, in order; the live run uses the first."
                    + " Default: ${DEFAULT-VALUE}")
    List<Integer> parallelisms;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            converter = CcpulseMain.BackendConverter.class,
            description = "state backend: rocksdb (production) or heap. Default: ${DEFAULT-VALUE}")
    StateSettings.Backend backend;

    @Option(names = "--skip-throughput", description = "only the live run (state size) and the tick pass")
    boolean skipThroughput;

    @Option(names = "--skip-live", description = "no live run (state size)")
    boolean skipLive;

    @Option(
            names = "--tick-passes",
            defaultValue = "3",
            description = "tier tick passes timed in the harness (0: none). Default: ${DEFAULT-VALUE}")
    int tickPasses;

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** RocksDB's memory in the tick pass's harness, MiB: the local cluster's default managed memory. */
    private static final int HARNESS_ROCKSDB_MIB = 128;

    private static final DeploymentConfig CONFIG = DeploymentConfig.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("ccpulse-cv-bench-");
        try (Components components = Components.fromSystemEnvironment()) {
            String kafka = components.kafka().bootstrapServers();
            var clickHouse = components.clickHouse();
            String run = UUID.randomUUID().toString().substring(0, 8);
            String orders = "cv-bench-orders-" + run;
            Map<String, String> topics = Map.of(
                    "orders", orders,
                    "tickets", "cv-bench-tickets-" + run,
                    "contact-events", "cv-bench-contacts-" + run);
            Fill fill = new Fill();
            if (!(skipThroughput && skipLive)) {
                KafkaTopics.create(
                        kafka, PrefilledTopic.PARTITIONS, topics.values().toArray(String[]::new));
                say("pre-filling %d days of orders of %,d shoppers (seed 7, default mess) ...", days, customers);
                fill = fill(kafka, topics, work.resolve("manifest.ndjson"));
                say(
                        "%,d order records: %,d purchases, %,d refunds of %,d customers; %,d redelivered, %,d late, %,d"
                                + " bad (%.1f s to simulate and produce)",
                        fill.records,
                        fill.purchases,
                        fill.refunds,
                        fill.customersWithOrders(),
                        fill.redelivered,
                        fill.late,
                        fill.bad,
                        fill.seconds);
            }

            List<Throughput> throughputs = new ArrayList<>();
            if (!skipThroughput) {
                for (int p : parallelisms) {
                    say("throughput at parallelism %d, %s ...", p, backend.type());
                    throughputs.add(throughput(kafka, clickHouse, topics, p, run, work, fill));
                    say("  %s", throughputs.get(throughputs.size() - 1).line(fill.records));
                }
            }

            Live live = null;
            if (!skipLive) {
                say("state: the job live over the same topic, checkpoints every 10 s, until the whole topic is"
                        + " committed ...");
                live = live(kafka, clickHouse, topics, parallelisms.get(0), run, work);
            }

            List<Double> passes = List.of();
            long tickCustomers = 0;
            if (tickPasses > 0) {
                say("tier tick pass: RfmTracker in the operator harness on RocksDB, one order per customer ...");
                TickPass tp = tickPass(work.resolve("harness"));
                passes = tp.seconds;
                tickCustomers = tp.customers;
            }
            summary(fill, throughputs, live, passes, tickCustomers);
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------- the input

    /** What went into the orders topic. */
    static final class Fill {
        long records, purchases, refunds, redelivered, late, bad;
        /**
         * Good records delivered more than the allowed lateness after their event time (a live run dead-letters them
         * all as LATE; a backfill those its watermark has passed by then), and the customers all of whose orders
         * (first deliveries) came so: the customers a LATE dead letter can leave without any row.
         */
        long pastLateness, customersOnlyPastLateness;

        /** The customers with an order in the period. */
        Set<String> customers = Set.of();

        double seconds;

        long customersWithOrders() {
            return customers.size();
        }
    }

    private long periodStart() {
        return LocalDate.now(ZoneOffset.UTC)
                .minusDays(days)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
    }

    private long periodEnd() {
        return periodStart() + days * 86_400_000L;
    }

    /** The simulator's shop alone: the shopper model, its mess and its Kafka sink, run as {@code Simulation} runs. */
    private Fill fill(String kafka, Map<String, String> topics, Path manifest) throws Exception {
        long t0 = System.nanoTime();
        long start = periodStart();
        long end = periodEnd();
        SplittableRandom root = new SplittableRandom(7);
        SplittableRandom customerRng = root.split();
        SplittableRandom shopRng = root.split();
        SplittableRandom messRng = root.split();
        CustomerBase base = CustomerBase.create(customers * 10, customerRng, start, end);
        Scheduler scheduler = new Scheduler(start);
        Outbox outbox = new Outbox();
        Mess mess = new Mess(defaultMess(), messRng, Clock.systemUTC(), "cvb", outbox, start, end);
        Fill fill = new Fill();
        Set<String> buyers = new HashSet<>();
        long lateness = CustomerValueConfig.from(CONFIG).allowedLateness().toMillis();
        Map<String, int[]> deliveredPastLateness = new HashMap<>(); // customer: {orders, of them past the lateness}
        ModelOutput counting = new ModelOutput() {
            @Override
            public void contact(ContactEvent event) {}

            @Override
            public void ticket(Ticket ticket) {}

            @Override
            public void order(Order order) {
                long ts = order.ts().toEpochMilli();
                if (ts >= start && ts < end) {
                    if (order.type() == OrderType.REFUND) {
                        fill.refunds++;
                    } else {
                        fill.purchases++;
                    }
                    buyers.add(order.customerId());
                }
                mess.order(order);
            }
        };
        new Shop(scheduler, shopRng, new Ids("cvb"), counting, new ArrivalCurve(ZoneOffset.UTC), end).open(base, start);
        Map<InputTopic, String> names = new EnumMap<>(InputTopic.class);
        names.put(InputTopic.ORDERS, topics.get("orders"));
        names.put(InputTopic.TICKETS, topics.get("tickets"));
        names.put(InputTopic.CONTACT_EVENTS, topics.get("contact-events"));
        try (KafkaSink sink = new KafkaSink(kafka, names, manifest)) {
            Outbox.Delivery delivery = (record, deliverAt) -> {
                fill.records++;
                if (record.bad()) {
                    fill.bad++;
                } else if (record.delivery() == Delivery.REDELIVERED) {
                    fill.redelivered++;
                } else if (record.delivery() == Delivery.LATE) {
                    fill.late++;
                }
                if (!record.bad()) {
                    boolean past = deliverAt - record.eventTime().toEpochMilli() > lateness;
                    fill.pastLateness += past ? 1 : 0;
                    if (record.delivery() != Delivery.REDELIVERED) {
                        int[] orders = deliveredPastLateness.computeIfAbsent(record.key(), k -> new int[2]);
                        orders[0]++;
                        orders[1] += past ? 1 : 0;
                    }
                }
                sink.accept(record);
            };
            while (true) {
                long next = scheduler.nextTime();
                if (next >= end) {
                    outbox.releaseUntil(Long.MAX_VALUE, delivery);
                    break;
                }
                outbox.releaseUntil(next, delivery);
                scheduler.runNext();
            }
        }
        Files.deleteIfExists(manifest);
        fill.customers = buyers;
        fill.customersOnlyPastLateness = deliveredPastLateness.values().stream()
                .filter(orders -> orders[1] == orders[0])
                .count();
        fill.seconds = (System.nanoTime() - t0) / 1e9;
        return fill;
    }

    /** The simulator's default mess rates (its command line with no option but the required output). */
    private static MessRates defaultMess() {
        SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs("--out-dir", "unused");
        return main.config(Instant.now()).mess();
    }

    // ----------------------------------------------------------------------------------------------- throughput

    record Throughput(
            int parallelism,
            double seconds,
            double jobSeconds,
            CpuMeter.Usage cpu,
            long rfmCustomers,
            long rfmRows,
            long cutPoints,
            long deadLetters,
            long lateDeadLetters,
            long withoutRow,
            long withoutRowWithLateDeadLetter) {

        double jobCpu() {
            return cpu.flinkTasks() + cpu.sourceFetchers();
        }

        String line(long records) {
            return String.format(
                    Locale.ROOT,
                    "p%d: %,d records in %.1f s (job running %.1f s) = %,.0f orders/s wall-clock; %,.0f per"
                            + " CPU-second of the job's threads (%.1f s), %,.0f per CPU-second of the whole JVM (%.1f s),"
                            + " %,.0f per CPU-second of JVM + ClickHouse; others %.2f cores",
                    parallelism,
                    records,
                    seconds,
                    jobSeconds,
                    records / seconds,
                    records / jobCpu(),
                    jobCpu(),
                    records / cpu.jvmTotal(),
                    cpu.jvmTotal(),
                    records / cpu.total(),
                    cpu.cores(cpu.otherProcesses()));
        }
    }

    private Throughput throughput(
            String kafka,
            ClickHouseEndpoint clickHouse,
            Map<String, String> topics,
            int p,
            String run,
            Path work,
            Fill fill)
            throws Exception {
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        CpuMeter cpu = CpuMeter.start();
        long t0 = System.nanoTime();
        var job = BenchmarkJob.start(
                        "customer-value throughput p" + p,
                        p,
                        Inputs.kafkaUntilNow(kafka, "cv-bench-p" + p + "-" + run, topics),
                        db,
                        work.resolve("checkpoints-p" + p),
                        backend,
                        List.of(new CustomerValueJob()),
                        CONFIG)
                .job();
        JobExecutionResult result = job.getJobExecutionResult().get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Usage usage = cpu.stop();
        say("  busiest threads: %s", usage.busiestThreads());
        Set<String> withoutRow = new HashSet<>(fill.customers);
        withoutRow.removeAll(strings(db, "SELECT DISTINCT customer_id FROM customer_rfm_state"));
        long customersWithoutRow = withoutRow.size();
        withoutRow.retainAll(strings(
                db,
                "SELECT DISTINCT JSONExtractString(raw_value, 'customer_id') FROM dead_letters FINAL"
                        + " WHERE problem = 'LATE'"));
        return new Throughput(
                p,
                seconds,
                result.getNetRuntime() / 1000.0,
                usage,
                count(db, "SELECT count() FROM customer_rfm_state FINAL"),
                count(db, "SELECT count() FROM customer_rfm_state"),
                count(db, "SELECT count() FROM customer_tier_cut_points FINAL"),
                count(db, "SELECT count() FROM dead_letters FINAL"),
                count(db, "SELECT count() FROM dead_letters FINAL WHERE problem = 'LATE'"),
                customersWithoutRow,
                withoutRow.size());
    }

    // ------------------------------------------------------------------------------------------------ live state

    record Live(CheckpointStats stats, Map<String, long[]> perOperator, double secondsToCommit) {}

    private Live live(
            String kafka, ClickHouseEndpoint clickHouse, Map<String, String> topics, int p, String run, Path work)
            throws Exception {
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        String group = "cv-bench-live-" + run;
        var live = BenchmarkJob.start(
                "customer-value live",
                p,
                Inputs.kafka(kafka, group, topics),
                db,
                work.resolve("checkpoints-live"),
                backend,
                List.of(new CustomerValueJob()),
                CONFIG);
        long t0 = System.nanoTime();
        String orders = topics.get("orders");
        while (!DeadLetterTopic.committedToEnd(kafka, orders, group)) {
            Thread.sleep(1000);
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(60)) {
                throw new IllegalStateException("the live run did not commit the topic within 60 minutes");
            }
        }
        double toCommit = (System.nanoTime() - t0) / 1e9;
        long committedAt = System.currentTimeMillis();
        CheckpointStats stats = CheckpointStats.read(live.rest(), live.job().getJobID());
        while (stats.latest() == null || stats.latest().triggeredAtMs() < committedAt) {
            Thread.sleep(500);
            stats = CheckpointStats.read(live.rest(), live.job().getJobID());
        }
        Map<String, long[]> perOperator =
                perOperator(live.rest(), live.job().getJobID(), stats.latest().id());
        live.job().cancel().get(1, TimeUnit.MINUTES);
        return new Live(stats, perOperator, toCommit);
    }

    /** Full and incremental state size of each vertex (operator chain) in one checkpoint, by the vertex's name. */
    private static Map<String, long[]> perOperator(URI rest, JobID job, long checkpoint) throws Exception {
        Map<String, String> names = new HashMap<>();
        for (JsonNode v : get(rest, "/jobs/" + job).path("vertices")) {
            names.put(v.path("id").asText(), v.path("name").asText());
        }
        Map<String, long[]> sizes = new LinkedHashMap<>();
        JsonNode tasks =
                get(rest, "/jobs/" + job + "/checkpoints/details/" + checkpoint).path("tasks");
        tasks.fields()
                .forEachRemaining(e -> sizes.put(names.getOrDefault(e.getKey(), e.getKey()), new long[] {
                    e.getValue().path("state_size").asLong(),
                    e.getValue().path("checkpointed_size").asLong()
                }));
        return sizes;
    }

    private static JsonNode get(URI rest, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(rest.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    // ------------------------------------------------------------------------------------------------- tick pass

    record TickPass(long customers, List<Double> seconds) {}

    /**
     * The tracker in Flink's keyed broadcast operator harness on embedded RocksDB: one purchase per shopper of the
     * same model (each customer's figures: one entry of the state the pass reads), then {@code --tick-passes}
     * ticks, each timed (the pass over all keys with {@code applyToKeyedState}, the sketch, its bytes).
     */
    private TickPass tickPass(Path dir) throws Exception {
        long start = periodStart();
        long end = periodEnd();
        CustomerBase base = CustomerBase.create(customers * 10, new SplittableRandom(7).split(), start, end);
        CustomerValueConfig config = CustomerValueConfig.from(CONFIG);
        var harness = new KeyedBroadcastOperatorTestHarness<String, Order, Tick, CustomerFigures>(
                new CoBroadcastWithKeyedOperator<>(RfmTracker.of(config), List.of()),
                Order::customerId,
                Types.STRING,
                128,
                1,
                0);
        Files.createDirectories(dir);
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        rocksDb.setDbStoragePath(dir.toString());
        // The harness gives RocksDB almost no managed memory (0.5 MB of write buffers: a flush every few hundred
        // writes, stalled writes, dozens of level-0 files); a fixed budget like the local cluster's managed memory.
        rocksDb.getMemoryConfiguration().setFixedMemoryPerSlot(MemorySize.ofMebiBytes(HARNESS_ROCKSDB_MIB));
        harness.setStateBackend(rocksDb);
        harness.open();
        List<Double> seconds = new ArrayList<>();
        long n = 0;
        try {
            SplittableRandom rng = new SplittableRandom(11);
            for (var c : base.shoppers()) {
                long ts = end - 1 - rng.nextLong(86_400_000L * days);
                BigDecimal amount = BigDecimal.valueOf(Math.max(1, Math.round(c.orderScale() * 100)), 2);
                harness.processElement(
                        new Order(
                                "e" + n, "o" + n, c.id(), OrderType.PURCHASE, Instant.ofEpochMilli(ts), amount, "EUR"),
                        ts);
                if (++n % 10_000 == 0) {
                    harness.getOutput().clear();
                }
            }
            // The tracker holds an order until the watermark passes it: apply them all (untimed) before the passes.
            harness.watermark(end - 1);
            harness.getOutput().clear();
            for (int i = 0; i < tickPasses; i++) {
                long t0 = System.nanoTime();
                harness.processBroadcastElement(new Tick(end - 1), end - 1);
                seconds.add((System.nanoTime() - t0) / 1e9);
                say("  tick pass %d over %,d customers: %.2f s", i + 1, n, seconds.get(i));
                harness.getOutput().clear();
            }
        } finally {
            harness.close();
        }
        return new TickPass(n, seconds);
    }

    // --------------------------------------------------------------------------------------------------- summary

    private void summary(Fill fill, List<Throughput> throughputs, Live live, List<Double> passes, long tickCustomers) {
        System.out.println();
        System.out.printf(
                "== Customer value, Kafka -> ClickHouse, %d days of orders of %,d shoppers, on %d cores ==%n",
                days, customers, CORES);
        if (fill.records > 0)
            System.out.printf(
                    "Input: %,d order records (3 partitions; %,d purchases, %,d refunds of %,d customers; %,d redelivered,"
                            + " %,d late, %,d bad); tickets and contact-events empty%n",
                    fill.records,
                    fill.purchases,
                    fill.refunds,
                    fill.customersWithOrders(),
                    fill.redelivered,
                    fill.late,
                    fill.bad);
        System.out.printf(
                "State backend %s (%s checkpoints every 10 s), default configuration (365-day window, tiers hourly,"
                        + " at most every 30 s, 2 h lateness)%n",
                backend.type(), backend.incremental() ? "incremental" : "full");
        for (Throughput t : throughputs) {
            System.out.println("Throughput " + t.line(fill.records));
            CpuMeter.Usage u = t.cpu;
            System.out.printf(
                    Locale.ROOT,
                    "  = %,.0f orders/s per core of the machine (wall-clock / %d); CPU: job threads %.2f cores, whole JVM"
                            + " %.2f, ClickHouse %.2f, other processes %.2f%n",
                    fill.records / t.seconds / CORES,
                    CORES,
                    u.cores(t.jobCpu()),
                    u.cores(u.jvmTotal()),
                    u.cores(u.childProcesses()),
                    u.cores(u.otherProcesses()));
            System.out.printf(
                    Locale.ROOT,
                    "  read back: %,d customers in customer_rfm_state (FINAL; %,d rows before merging), %,d tier"
                            + " cut-points (ticks + the end), %,d dead letters (%,d LATE of the %,d records delivered"
                            + " past the allowed lateness); %,d customers with orders but no row, %,d of them with a LATE"
                            + " dead letter (%,d customers' every order came past the lateness)%n",
                    t.rfmCustomers,
                    t.rfmRows,
                    t.cutPoints,
                    t.deadLetters,
                    t.lateDeadLetters,
                    fill.pastLateness,
                    t.withoutRow,
                    t.withoutRowWithLateDeadLetter,
                    fill.customersOnlyPastLateness);
        }
        if (live != null) {
            CheckpointStats.Checkpoint last = live.stats.latest();
            System.out.printf(
                    Locale.ROOT,
                    "Checkpoint once every record is in (live run, topic committed after %.0f s; #%d): full state %s,"
                            + " this checkpoint wrote %s; %s%n",
                    live.secondsToCommit,
                    last.id(),
                    CheckpointStats.mib(last.stateSize()),
                    CheckpointStats.mib(last.checkpointedSize()),
                    live.stats.summary());
            for (var e : live.perOperator.entrySet()) {
                if (e.getValue()[0] > 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "  %-60s full %s = %,.0f bytes per customer%n",
                            e.getKey().length() > 60 ? e.getKey().substring(0, 60) : e.getKey(),
                            CheckpointStats.mib(e.getValue()[0]),
                            (double) e.getValue()[0] / fill.customersWithOrders());
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "Bytes per customer (whole checkpoint / %,d customers with orders): %,.0f%n",
                    fill.customersWithOrders(),
                    (double) last.stateSize() / fill.customersWithOrders());
        }
        if (!passes.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "Tier tick pass (harness, RocksDB with %d MiB, one subtask, %,d customers' figures): %s s; %.2f us per customer"
                            + " (best)%n",
                    HARNESS_ROCKSDB_MIB,
                    tickCustomers,
                    passes.stream()
                            .map(s -> String.format(Locale.ROOT, "%.2f", s))
                            .toList(),
                    passes.stream().mapToDouble(Double::doubleValue).min().orElse(0) * 1e6 / tickCustomers);
        }
    }

    private static Set<String> strings(ClickHouseAccess db, String sql) throws Exception {
        Set<String> values = new HashSet<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long count(ClickHouseAccess db, String sql) throws Exception {
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new CustomerValueBenchmark()).execute(args);
        System.exit(exit);
    }
}
