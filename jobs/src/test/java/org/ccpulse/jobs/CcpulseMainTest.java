package org.ccpulse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CcpulseMainTest {

    @TempDir
    Path dir;

    private static CcpulseMain parsed(String... args) {
        CcpulseMain main = new CcpulseMain(Map.of(), System.err);
        new CommandLine(main).parseArgs(args);
        return main;
    }

    /** Building the graph is where the Kafka sink inspects its serializers (a lambda there failed the build). */
    @Test
    void buildsTheLiveRunWithDeadLettersToClickHouseAndKafka() throws Exception {
        CcpulseMain.Run run = parsed("--bootstrap-servers", "localhost:9").plan(Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        Launcher.build(env, run.jobs(), run.config(), run.inputs(), run.outputs());

        assertThat(run.jobs()).extracting(job -> job.name()).containsExactlyElementsOf(Jobs.names());
        assertThat(run.options().stateBackend()).as("production's backend").isEqualTo(StateSettings.Backend.ROCKSDB);
        assertThat(env.getStreamGraph().getStreamNodes())
                .extracting(StreamNode::getOperatorName)
                .anyMatch(name -> name.startsWith("dead-letters-0"))
                .anyMatch(name -> name.startsWith("dead-letters-1"))
                .anyMatch(name -> name.startsWith("contact-events"));
    }

    /** Each deployed Flink job has its own transactions on the dead-letter topic, stable across its restarts. */
    @Test
    void deadLetterTransactionsAreNamedAfterTheConsumerGroup() throws Exception {
        assertThat(parsed("--jobs", "service-level", "--bootstrap-servers", "localhost:9")
                        .plan(Map.of())
                        .outputs()
                        .deadLetterTransactionalIdPrefix())
                .isEqualTo("ccpulse-service-level-dead-letters");
        assertThat(parsed("--group-id", "blue", "--bootstrap-servers", "localhost:9")
                        .plan(Map.of())
                        .outputs()
                        .deadLetterTransactionalIdPrefix())
                .isEqualTo("blue-dead-letters");
    }

    /** Each output topic goes to its own Kafka topic, in transactions of its own, named after the group too. */
    @Test
    void outputTopicsGoToTheirTopicsInTransactionsNamedAfterTheConsumerGroup() throws Exception {
        var outputs = parsed("--jobs", "complaints", "--bootstrap-servers", "localhost:9")
                .plan(Map.of())
                .outputs();
        assertThat(outputs.kafkaTopic(OutputTopic.COMPLAINT_SPIKES)).isEqualTo("complaint-spikes");
        assertThat(outputs.transactionalIdPrefix(OutputTopic.COMPLAINT_SPIKES))
                .isEqualTo("ccpulse-complaints-complaint-spikes");
        assertThat(outputs.kafkaTopic(OutputTopic.CHURN_ALERTS)).isEqualTo("churn-alerts");
        assertThat(outputs.transactionalIdPrefix(OutputTopic.CHURN_ALERTS))
                .isEqualTo("ccpulse-complaints-churn-alerts");
        assertThat(outputs.topic(OutputTopic.COMPLAINT_SPIKES)).hasSize(1);
        assertThat(outputs.topic(OutputTopic.CHURN_ALERTS)).hasSize(1);
        var renamed = parsed(
                        "--complaint-spikes-topic",
                        "spikes-2",
                        "--churn-alerts-topic",
                        "churn-2",
                        "--group-id",
                        "blue",
                        "--bootstrap-servers",
                        "k:9")
                .plan(Map.of())
                .outputs();
        assertThat(renamed.kafkaTopic(OutputTopic.COMPLAINT_SPIKES)).isEqualTo("spikes-2");
        assertThat(renamed.transactionalIdPrefix(OutputTopic.COMPLAINT_SPIKES)).isEqualTo("blue-complaint-spikes");
        assertThat(renamed.kafkaTopic(OutputTopic.CHURN_ALERTS)).isEqualTo("churn-2");
        assertThat(renamed.transactionalIdPrefix(OutputTopic.CHURN_ALERTS)).isEqualTo("blue-churn-alerts");
    }

    @Test
    void aBackfillReadsEachTopicFromItsFilesAndSendsNoDeadLettersToKafka() throws Exception {
        Path events = Files.writeString(dir.resolve("contact-events.ndjson"), "");
        CcpulseMain.Run run = parsed(
                        "--jobs",
                        "service-level",
                        "--input-files",
                        "contact-events=" + events,
                        "--bootstrap-servers",
                        "localhost:9")
                .plan(Map.of());

        assertThat(run.outputs().kafkaBootstrapServers()).isNull();
        assertThat(run.name()).isEqualTo("ccpulse service-level");
    }

    @Test
    void aLiveRunResumesFromTheNewestCheckpointOfTheSameJobs() throws Exception {
        String root = dir.resolve("checkpoints").toUri().toString();
        assertThat(parsed("--bootstrap-servers", "k:9", "--checkpoint-dir", root)
                        .plan(Map.of())
                        .options()
                        .restoreFrom())
                .as("nothing to resume from yet")
                .isNull();
        Path chk = Files.createDirectories(dir.resolve("checkpoints/service-level/0a1b/chk-12"));
        Files.writeString(chk.resolve("_metadata"), "m");

        RunOptions resumed = parsed("--bootstrap-servers", "k:9", "--checkpoint-dir", root, "--jobs", "service-level")
                .plan(Map.of())
                .options();
        assertThat(resumed.checkpointDirectory()).isEqualTo(root.replaceAll("/+$", "") + "/service-level");
        assertThat(resumed.restoreFrom()).endsWith("service-level/0a1b/chk-12");
        assertThat(parsed("--bootstrap-servers", "k:9", "--checkpoint-dir", root, "--restore", "file:///x/chk-1")
                        .plan(Map.of())
                        .options()
                        .restoreFrom())
                .as("an explicit restore wins")
                .isEqualTo("file:///x/chk-1");
        Path events = Files.writeString(dir.resolve("e.ndjson"), "");
        assertThat(parsed(
                                "--input-files",
                                "contact-events=" + events,
                                "--input-files",
                                "tickets=" + events,
                                "--input-files",
                                "orders=" + events,
                                "--checkpoint-dir",
                                root)
                        .plan(Map.of())
                        .options()
                        .restoreFrom())
                .as("a backfill from files starts afresh")
                .isNull();
    }

    @Test
    void theShippedConfigurationHasOnlySectionsOfKnownJobs() throws Exception {
        CcpulseMain.Run run = parsed("--config", "config/ccpulse.yaml", "--bootstrap-servers", "localhost:9")
                .plan(Map.of());
        assertThat(run.config().section("service-level").isObject()).isTrue();
    }

    @Test
    void badInputIsRefusedInOneLineBeforeAnythingStarts() throws Exception {
        Path events = Files.writeString(dir.resolve("e.ndjson"), "");
        Path misspelt = Files.writeString(dir.resolve("ccpulse.yaml"), "servce-level: {}\n");
        Path badRule = Files.writeString(
                dir.resolve("bad-rule.yaml"), "service-level: { queues: { q: { formula: fastest } } }\n");
        assertThat(oneLineError("--config", badRule.toString(), "--bootstrap-servers", "k:9"))
                .contains("unknown service-level formula 'fastest'");
        assertThat(oneLineError("--jobs", "fcr,service-level", "--bootstrap-servers", "k:9"))
                .isEqualTo(
                        "ccpulse-jobs: unknown job 'fcr'; the jobs are service-level, first-contact-resolution, complaints,"
                                + " customer-value");
        assertThat(oneLineError("--jobs", "service-level", "--bootstrap-servers="))
                .contains("give --bootstrap-servers");
        assertThat(oneLineError("--input-files", "contact-events=" + dir.resolve("missing.ndjson")))
                .contains("no such file or folder");
        assertThat(oneLineError("--input-files", "calls=" + events)).contains("unknown topic 'calls'");
        assertThat(oneLineError("--input-files", events.toString())).contains("TOPIC=FILE");
        assertThat(oneLineError("--config", misspelt.toString(), "--bootstrap-servers", "k:9"))
                .contains("unknown key 'servce-level'");
        assertThat(oneLineError("--state-backend", "memory", "--bootstrap-servers", "k:9"))
                .contains("unknown state backend 'memory'");
        assertThat(oneLineError("--checkpoint-interval", "10s", "--bootstrap-servers", "k:9"))
                .contains("--checkpoint-interval");
    }

    @Test
    void aJobThatCannotStartEndsTheProcessWithOneLineAndExitCode1() throws Exception {
        Path events = Files.writeString(dir.resolve("e.ndjson"), "");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {
            "--input-files",
            "contact-events=" + events,
            "--input-files",
            "tickets=" + events,
            "--input-files",
            "orders=" + events,
            "--restore",
            dir.resolve("no-such-checkpoint").toUri().toString()
        };

        int code = CcpulseMain.execute(args, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());

        // a local Flink prints its own log; the last line is ours
        List<String> lines =
                err.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(code).isEqualTo(1);
        assertThat(lines.get(lines.size() - 1))
                .startsWith(
                        "ccpulse-jobs: ccpulse service-level,first-contact-resolution,complaints,customer-value could not"
                                + " start: ")
                .contains("no-such-checkpoint");
    }

    @Test
    void restartsAreBoundedSoAFailureThatAlwaysReturnsEndsTheJob() {
        var conf = RunOptions.defaults().flinkConfiguration(new org.apache.flink.configuration.Configuration());
        assertThat(conf.get(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(conf.get(
                        org.apache.flink.configuration.RestartStrategyOptions
                                .RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
                .isEqualTo(10);
    }

    @Test
    void topicsNeededByTheJobsMustAllHaveFiles() throws Exception {
        Path tickets = Files.writeString(dir.resolve("tickets.ndjson"), "");
        assertThatThrownBy(() -> CcpulseMain.filesPerTopic(List.of("tickets=" + tickets), Jobs.named("service-level")))
                .hasMessageContaining("also read contact-events");
    }

    /** What the command prints on bad input, asserted to be one line; the run never starts. */
    private static String oneLineError(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CcpulseMain.execute(args, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        String printed = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).as(printed).isEqualTo(2);
        assertThat(printed.lines()).as(printed).hasSize(1);
        return printed;
    }
}
