package org.ccpulse.jobs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.ccpulse.jobs.testing.CollectingOutputs;
import org.junit.jupiter.api.Test;

/** How the launcher puts jobs together: one intake per topic, shared by the jobs that read it. */
class LauncherTest {

    /** A job that reads some topics and discards their events. */
    private record Reading(String name, List<Topic<?>> topics) implements MetricJob {
        // each reading job adds one sink per topic, named after the topic (see operatorNames)
        @Override
        public void build(JobContext context) {
            for (Topic<?> topic : topics) {
                discard(context, topic);
            }
        }
    }

    private static <T> void discard(JobContext context, Topic<T> topic) {
        context.events(topic).sinkTo(new DiscardingSink<>()).name(topic + " read");
    }

    private static List<String> operatorNames(StreamExecutionEnvironment env) {
        return env.getStreamGraph().getStreamNodes().stream()
                .map(StreamNode::getOperatorName)
                .toList();
    }

    private static final Inputs NO_KAFKA = Inputs.kafka("localhost:9", "group", Map.of());

    @Test
    void jobsReadingTheSameTopicShareItsIntake() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Launcher.build(
                env,
                List.of(
                        new Reading("a", List.of(Topic.CONTACT_EVENTS)),
                        new Reading("b", List.of(Topic.CONTACT_EVENTS, Topic.TICKETS))),
                DeploymentConfig.defaults(),
                NO_KAFKA,
                new CollectingOutputs());

        List<String> names = operatorNames(env);
        assertThat(names).filteredOn(n -> n.contains("contact-events: parse")).hasSize(1);
        assertThat(names).filteredOn(n -> n.contains("tickets: parse")).hasSize(1);
        assertThat(names).filteredOn(n -> n.contains("orders")).isEmpty();
        assertThat(names)
                .filteredOn(n -> n.startsWith("contact-events read"))
                .as("a and b each read it")
                .hasSize(2);
        assertThat(names).filteredOn(n -> n.startsWith("tickets read")).hasSize(1);
    }

    @Test
    void everyRunWritesTheBusinessCalendarWhicheverJobsRun() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Launcher.build(
                env,
                List.of(new Reading("tickets only", List.of(Topic.TICKETS))),
                DeploymentConfig.defaults(),
                NO_KAFKA,
                new CollectingOutputs());

        assertThat(operatorNames(env))
                .anyMatch(n -> n.contains("business_days"))
                .anyMatch(n -> n.startsWith("dead-letters-0"));
    }

    @Test
    void aJobMayReadOnlyTheTopicsItLists() {
        MetricJob sneaky = new MetricJob() {
            @Override
            public String name() {
                return "sneaky";
            }

            @Override
            public List<Topic<?>> topics() {
                return List.of(Topic.ORDERS);
            }

            @Override
            public void build(JobContext context) {
                context.events(Topic.CONTACT_EVENTS);
            }
        };
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        assertThatThrownBy(() -> Launcher.build(
                        env, List.of(sneaky), DeploymentConfig.defaults(), NO_KAFKA, new CollectingOutputs()))
                .hasMessageContaining("sneaky reads contact-events but does not list it");
    }
}
