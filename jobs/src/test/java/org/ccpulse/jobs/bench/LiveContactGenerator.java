package org.ccpulse.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEventType;

/**
 * A live contact center at a fixed rate of contact events per second, with event time = the wall
 * clock at sending. Each contact is QUEUED, waits seconds (exponential, mean 12 s), then is ANSWERED
 * (85 %) and COMPLETED after its handle time, or ABANDONED. Follow-ups are sent when due; new
 * contacts fill the rest of the rate, so the rate holds from the first second.
 *
 * <p>Measurement devices: all contacts of one queue key go to one partition (the record key is still
 * the contact_id), so that {@link FreshnessLog} can match visible counts to exits in order. And {@value #PROBE_SHARE}
 * of the new contacts go to the queue {@value #PROBE_QUEUE} (one key per channel), where no one is answered during the
 * run: its waiting count only grows, so the n-th arrival of a probe key is shown once {@code queue_live} shows n
 * waiting. (The count of an ordinary queue goes up and down, and a count seen cannot tell which change it is.) An
 * arrival and an exit take the same path through the job, the live queue state's flush and its sink.
 */
final class LiveContactGenerator implements Runnable {

    record QueueKey(String queue, Channel channel) {
        String key() {
            return queue + "|" + channel.wire();
        }
    }

    static final String PROBE_QUEUE = "probe";

    static final double PROBE_SHARE = 0.05;

    private static final List<Channel> CHANNELS = List.of(Channel.VOICE, Channel.CHAT, Channel.CALLBACK);

    /** The ordinary queue keys, then the probe queue's. */
    static final List<QueueKey> QUEUE_KEYS = queueKeys();

    private static final int ORDINARY_KEYS = QUEUE_KEYS.size() - CHANNELS.size();

    private static final double MEAN_WAIT_S = 12;
    private static final double MAX_WAIT_S = 180;
    private static final double ANSWERED_SHARE = 0.85;
    private static final double MEAN_TALK_S = 30;
    private static final double WRAP_S = 2;
    private static final int AGENTS = 300;

    /** The next event of a contact, due at {@code dueMs}. */
    private record Step(
            long dueMs,
            long contact,
            int queueKey,
            ContactEventType type,
            long queuedAtMs,
            long answeredAtMs,
            int agent) {}

    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom random = new SplittableRandom(11);
    private final PriorityQueue<Step> pending = new PriorityQueue<>(Comparator.comparingLong(Step::dueMs));
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final double eventsPerSecond;
    private final FreshnessLog log;
    private final FreshnessLog arrivals;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private volatile boolean stopped;
    private volatile long sent;
    private long nextContact;
    private long nextEvent;

    LiveContactGenerator(
            String bootstrapServers,
            String topic,
            int partitions,
            double eventsPerSecond,
            FreshnessLog log,
            FreshnessLog arrivals) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitions = partitions;
        this.eventsPerSecond = eventsPerSecond;
        this.log = log;
        this.arrivals = arrivals;
    }

    void stop() {
        stopped = true;
    }

    long sent() {
        return sent;
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            long startNanos = System.nanoTime();
            while (!stopped && sendFailure.get() == null) {
                long now = System.currentTimeMillis();
                while (!pending.isEmpty() && pending.peek().dueMs() <= now) {
                    send(producer, pending.poll());
                }
                long due = (long) (eventsPerSecond * (System.nanoTime() - startNanos) / 1e9);
                while (sent < due) {
                    send(
                            producer,
                            new Step(
                                    now,
                                    nextContact++,
                                    random.nextDouble() < PROBE_SHARE
                                            ? ORDINARY_KEYS + random.nextInt(QUEUE_KEYS.size() - ORDINARY_KEYS)
                                            : random.nextInt(ORDINARY_KEYS),
                                    ContactEventType.QUEUED,
                                    0,
                                    0,
                                    0));
                }
                Thread.sleep(1);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first failed send, if any (read after the generator's thread has ended). */
    Exception failure() {
        return sendFailure.get();
    }

    private void send(KafkaProducer<String, byte[]> producer, Step step) {
        long ts = System.currentTimeMillis(); // event time is now, whenever the step was due
        QueueKey queueKey = QUEUE_KEYS.get(step.queueKey());
        String contactId = "live-" + runId + "-c" + step.contact();
        ObjectNode e = json.createObjectNode()
                .put("event_id", "live-" + runId + "-e" + nextEvent++)
                .put("contact_id", contactId)
                .put("type", step.type().name())
                .put("ts", Instant.ofEpochMilli(ts).toString())
                .put("channel", queueKey.channel().wire())
                .put("queue", queueKey.queue());
        switch (step.type()) {
            case QUEUED -> {
                if (step.queueKey() < ORDINARY_KEYS) {
                    scheduleExit(step, ts);
                } else {
                    arrivals.produced(queueKey.key(), ts);
                }
            }
            case ANSWERED -> {
                exitFields(e, step);
                agentFields(e, step);
                long handleMs = (long) ((exponential(MEAN_TALK_S) + WRAP_S) * 1000);
                pending.add(new Step(
                        ts + handleMs,
                        step.contact(),
                        step.queueKey(),
                        ContactEventType.COMPLETED,
                        step.queuedAtMs(),
                        ts,
                        step.agent()));
            }
            case ABANDONED -> exitFields(e, step);
            case COMPLETED -> {
                agentFields(e, step);
                double handleS = (ts - step.answeredAtMs()) / 1000.0;
                e.put("talk_s", Math.max(0, handleS - WRAP_S))
                        .put("hold_s", 0.0)
                        .put("wrap_s", WRAP_S)
                        .put("outcome", "resolved");
            }
        }
        int partition = step.queueKey() % partitions;
        producer.send(new ProducerRecord<>(topic, partition, contactId, bytes(e)), (meta, failure) -> {
            if (failure != null) {
                sendFailure.compareAndSet(null, failure);
            }
        });
        if (step.type() == ContactEventType.ANSWERED || step.type() == ContactEventType.ABANDONED) {
            log.produced(queueKey.key(), ts);
        }
        sent++;
    }

    private void scheduleExit(Step queued, long queuedAtMs) {
        long waitMs = (long) (Math.min(exponential(MEAN_WAIT_S), MAX_WAIT_S) * 1000);
        ContactEventType exit =
                random.nextDouble() < ANSWERED_SHARE ? ContactEventType.ANSWERED : ContactEventType.ABANDONED;
        pending.add(new Step(
                queuedAtMs + waitMs, queued.contact(), queued.queueKey(), exit, queuedAtMs, 0, random.nextInt(AGENTS)));
    }

    private static void exitFields(ObjectNode e, Step step) {
        e.put("queued_at", Instant.ofEpochMilli(step.queuedAtMs()).toString());
    }

    private static void agentFields(ObjectNode e, Step step) {
        e.put("agent_id", "agent-" + step.agent()).put("team", "team-" + step.agent() / 15);
    }

    private double exponential(double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }

    private byte[] bytes(ObjectNode e) {
        try {
            return json.writeValueAsBytes(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static List<QueueKey> queueKeys() {
        List<QueueKey> keys = new ArrayList<>();
        for (String queue : List.of("general", "billing", "technical", "sales", "retention", PROBE_QUEUE)) {
            for (Channel channel : CHANNELS) {
                keys.add(new QueueKey(queue, channel));
            }
        }
        return List.copyOf(keys);
    }
}
