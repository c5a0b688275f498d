package org.ccpulse.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.model.ComplaintSurge;
import org.ccpulse.simulator.output.FileSink;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.KafkaSink;
import org.ccpulse.simulator.output.RecordSink;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line: a contact center you can switch on. */
@Command(
        name = "ccpulse-simulator",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Simulates a contact center's contact events, tickets and orders (EVENTS.md) into NDJSON files or Kafka.")
public final class SimulatorMain implements Callable<Integer> {

    enum Mode {
        backfill,
        live
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--mode",
            defaultValue = "backfill",
            description =
                    "backfill (N days as fast as possible) or live (real-time pace from now, until stopped). Default: ${DEFAULT-VALUE}")
    Mode mode;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed; same seed and options give the same records. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--agents", defaultValue = "300", description = "Agents employed. Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(
            names = "--customers",
            description = "Customer base size. Default: 10000 per agent, a tenth of them shoppers")
    Integer customers;

    @Option(
            names = "--days",
            description =
                    "Backfill: days to simulate (default 1). Live: days to run from today, 0 = until stopped (default 0)")
    Integer days;

    @Option(names = "--start-date", description = "Backfill: first day (yyyy-MM-dd). Default: --days days before today")
    LocalDate startDate;

    @Option(
            names = "--zone",
            defaultValue = "UTC",
            description = "Business time zone (IANA). Default: ${DEFAULT-VALUE}")
    ZoneId zone;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "Live: simulated seconds per wall-clock second. Default: ${DEFAULT-VALUE}")
    double speed;

    @Option(
            names = "--run-id",
            description =
                    "Prefix of all generated ids. Default: s<seed> (backfill), s<seed>-<start epoch s, base 36> (live)")
    String runId;

    @Option(
            names = "--out-of-order-rate",
            defaultValue = "0.02",
            description = "Share of events held back 1-30 s. Default: ${DEFAULT-VALUE}")
    double outOfOrder;

    @Option(
            names = "--late-rate",
            defaultValue = "0.005",
            description = "Share of events held back 2 min - 6 h. Default: ${DEFAULT-VALUE}")
    double late;

    @Option(
            names = "--duplicate-rate",
            defaultValue = "0.01",
            description = "Share of events delivered twice. Default: ${DEFAULT-VALUE}")
    double duplicate;

    @Option(
            names = "--malformed-json-rate",
            defaultValue = "0.0005",
            description = "Bad records per event, by kind. Default: ${DEFAULT-VALUE}")
    double malformed;

    @Option(names = "--oversized-rate", defaultValue = "0.0001")
    double oversized;

    @Option(names = "--missing-field-rate", defaultValue = "0.0005")
    double missingField;

    @Option(names = "--wrong-type-rate", defaultValue = "0.0005")
    double wrongType;

    @Option(names = "--unknown-enum-rate", defaultValue = "0.0005")
    double unknownEnum;

    @Option(names = "--negative-duration-rate", defaultValue = "0.0005")
    double negativeDuration;

    @Option(names = "--future-timestamp-rate", defaultValue = "0.0005")
    double futureTimestamp;

    @Option(names = "--invalid-value-rate", defaultValue = "0.0005")
    double invalidValue;

    @Option(
            names = "--complaint-surge",
            paramLabel = ComplaintSurge.FORMAT,
            converter = SurgeConverter.class,
            description = "Inject a complaint surge: from start (local time in --zone, e.g. 2026-11-10T10:00, or an"
                    + " instant with offset) for hours hours, complaints of cause arrive factor times as often."
                    + " Repeatable")
    List<String> complaintSurges = new ArrayList<>();

    @Option(
            names = "--billing-month-start-factor",
            defaultValue = "1",
            description = "Billing complaints are this many times as frequent on days 2-4 of the month (after the"
                    + " month-start invoices); 1 = only the weekly rhythm. Default: ${DEFAULT-VALUE}")
    double billingMonthStart;

    /** Checks a surge's syntax while the options are read; its start is resolved once --zone is known. */
    static final class SurgeConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ComplaintSurge.parse(value, ZoneOffset.UTC);
                return value;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "': " + e.getMessage());
            }
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--out-dir", description = "Write NDJSON files and bad-records.ndjson here")
        Path outDir;

        @Option(names = "--bootstrap-servers", description = "Send to Kafka")
        String bootstrapServers;
    }

    @Option(
            names = "--manifest",
            description = "Kafka: write the bad-record manifest (topic, partition, offset, field, problem) here")
    Path manifest;

    @Option(names = "--topic-contact-events", defaultValue = "contact-events")
    String contactTopic;

    @Option(names = "--topic-tickets", defaultValue = "tickets")
    String ticketTopic;

    @Option(names = "--topic-orders", defaultValue = "orders")
    String orderTopic;

    public static void main(String[] args) {
        int code = commandLine(new SimulatorMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line, whose option errors are one line on standard error (exit code 2). */
    public static CommandLine commandLine(SimulatorMain main) {
        CommandLine cli = new CommandLine(main);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage().replace('\n', ' ') + " (see --help)");
            return 2;
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        SimulationConfig config = config(Instant.now());
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            main.interrupt();
            try {
                main.join(30_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Simulation simulation = new Simulation(config, Clock.systemUTC());
        long t0 = System.nanoTime();
        try (RecordSink sink = sink()) {
            try {
                simulation.run(sink, stop::get, mode == Mode.live ? new Pacer(config.emitFrom(), speed) : null);
            } catch (java.io.InterruptedIOException stopped) {
                // Ctrl-C in live mode
            }
            if (stop.get() && mode == Mode.live) {
                Thread.interrupted(); // the stop's interrupt, so that the last sends go out
                simulation.closeDoors(sink); // no contact left waiting for ever
            }
        } // the sink is closed (flushed) here
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.print(simulation.summary().render(seconds));
        if (!stop.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    /** The run these options describe, starting at {@code now} (public so that other runners reuse the defaults). */
    public SimulationConfig config(Instant now) {
        MessRates mess = new MessRates(outOfOrder, late, duplicate, badRates());
        int customerCount = customers != null ? customers : SimulationConfig.customersFor(agents);
        if (mode == Mode.live) {
            LocalDate today = now.atZone(zone).toLocalDate();
            String id = runId != null ? runId : "s" + seed + "-" + Long.toString(now.getEpochSecond(), 36);
            return withSurges(new SimulationConfig(
                    seed, agents, customerCount, today, days != null ? days : 0, zone, now, id, mess));
        }
        int days = this.days != null ? this.days : 1;
        if (days < 1) {
            throw usageError("--days must be at least 1 in backfill mode");
        }
        LocalDate first =
                startDate != null ? startDate : now.atZone(zone).toLocalDate().minusDays(days);
        return withSurges(new SimulationConfig(
                seed,
                agents,
                customerCount,
                first,
                days,
                zone,
                first.atStartOfDay(zone).toInstant(),
                runId != null ? runId : "s" + seed,
                mess));
    }

    /** The --complaint-surge options, their starts read in --zone; a surge wholly outside the period is refused. */
    private SimulationConfig withSurges(SimulationConfig config) {
        List<ComplaintSurge> surges = new ArrayList<>();
        for (String text : complaintSurges) {
            ComplaintSurge surge = ComplaintSurge.parse(text, zone);
            if (!surge.end().isAfter(config.emitFrom()) || !surge.start().isBefore(config.end())) {
                throw usageError("--complaint-surge '" + text + "' lies outside the simulated period "
                        + config.emitFrom()
                        + " - "
                        + (config.days() == 0 ? "open end" : config.end().toString()));
            }
            surges.add(surge);
        }
        if (!(billingMonthStart > 0) || billingMonthStart > 10) {
            throw usageError("--billing-month-start-factor must be above 0 and at most 10, got " + billingMonthStart);
        }
        return config.withComplaintSurges(surges).withBillingMonthStart(billingMonthStart);
    }

    /** An option error found after parsing, reported like one found while parsing (on this command line). */
    private CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec != null ? spec.commandLine() : new CommandLine(this), message);
    }

    private Map<Problem, Double> badRates() {
        Map<Problem, Double> rates = new EnumMap<>(Problem.class);
        rates.put(Problem.MALFORMED_JSON, malformed);
        rates.put(Problem.OVERSIZED, oversized);
        rates.put(Problem.MISSING_FIELD, missingField);
        rates.put(Problem.WRONG_TYPE, wrongType);
        rates.put(Problem.UNKNOWN_ENUM, unknownEnum);
        rates.put(Problem.NEGATIVE_DURATION, negativeDuration);
        rates.put(Problem.FUTURE_TIMESTAMP, futureTimestamp);
        rates.put(Problem.INVALID_VALUE, invalidValue);
        return rates;
    }

    private RecordSink sink() throws java.io.IOException {
        if (target.outDir != null) {
            return new FileSink(target.outDir);
        }
        Map<InputTopic, String> names = new EnumMap<>(InputTopic.class);
        names.put(InputTopic.CONTACT_EVENTS, contactTopic);
        names.put(InputTopic.TICKETS, ticketTopic);
        names.put(InputTopic.ORDERS, orderTopic);
        return new KafkaSink(target.bootstrapServers, names, manifest);
    }
}
