package org.ccpulse.flinkcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.util.function.SupplierWithException;
import org.ccpulse.jobs.testing.Restarts;

/**
 * A standalone Flink session cluster started the way an operator starts one, with this module's scripts
 * ({@code bin/configure}, {@code bin/jobmanager}, {@code bin/taskmanager}, {@code bin/flink}): a JobManager and
 * TaskManagers, each a JVM of its own (the scripts {@code exec} Java, so each {@link Process} here is the JVM
 * itself and {@link #kill} is a SIGKILL to Flink). Everything listens on 127.0.0.1, on ports chosen here.
 * {@link #close} kills every process this instance started, whatever state the test left them in.
 */
public final class FlinkCluster implements AutoCloseable {

    /** The module's folder (failsafe runs the tests there): where bin/ and target/ are. */
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern SUBMITTED = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    private final Path home;
    private final Path conf;
    private final URI rest;
    private final Map<String, Process> taskManagers = new LinkedHashMap<>();
    private final List<Process> clients = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Process jobManager;

    private FlinkCluster(Path home, int restPort) {
        this.home = home;
        this.conf = home.resolve("conf");
        this.rest = URI.create("http://127.0.0.1:" + restPort);
    }

    /**
     * Writes the configuration ({@code bin/configure} with these extra {@code key=value} settings) into
     * {@code home/conf}, starts the JobManager and {@code taskManagers} TaskManagers named tm-1, tm-2, ...,
     * and returns once the REST API counts them all.
     */
    public static FlinkCluster start(Path home, int taskManagers, String... settings) throws Exception {
        int restPort = freePort();
        List<String> configure = new ArrayList<>(List.of(
                script("configure"),
                home.resolve("conf").toString(),
                "rest.port=" + restPort,
                "jobmanager.rpc.port=" + freePort()));
        configure.addAll(List.of(settings));
        Process configuring = process(configure, home.resolve("configure.log"), Map.of());
        if (!configuring.waitFor(1, TimeUnit.MINUTES) || configuring.exitValue() != 0) {
            throw new IllegalStateException("bin/configure failed: " + Files.readString(home.resolve("configure.log")));
        }
        FlinkCluster cluster = new FlinkCluster(home, restPort);
        try {
            cluster.jobManager = process(
                    List.of(script("jobmanager"), cluster.conf.toString()), home.resolve("jobmanager.out"), Map.of());
            for (int i = 1; i <= taskManagers; i++) {
                cluster.startTaskManager("tm-" + i);
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (Throwable failure) {
            cluster.close();
            throw failure;
        }
    }

    /** Starts a TaskManager, its resource id (in the REST API) {@code name}. */
    private void startTaskManager(String name) throws IOException {
        taskManagers.put(
                name,
                process(List.of(script("taskmanager"), conf.toString(), name), home.resolve(name + ".out"), Map.of()));
    }

    /** Kills a TaskManager's JVM with SIGKILL (no shutdown hook runs) and waits until it is gone. */
    public void kill(String taskManager) throws InterruptedException {
        Process process = taskManagers.get(taskManager);
        if (process == null) {
            throw new IllegalArgumentException("no TaskManager " + taskManager + " in " + taskManagers.keySet());
        }
        if (!process.destroyForcibly().waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("TaskManager " + taskManager + " outlived SIGKILL for a minute");
        }
    }

    /** Waits until the REST API counts exactly this many TaskManagers. */
    public void awaitTaskManagers(int count) throws Exception {
        await(() -> get("/overview").path("taskmanagers").asInt() == count, START_TIMEOUT);
    }

    /**
     * {@code flink run -c mainClass jar args} with {@code bin/flink}, its output in {@code log}; returns the id of
     * the job it submitted once that job runs. The client stays attached (as CcpulseMain waits for the job's
     * result) until the job ends or {@link #close}; {@code environment}: variables for the job's main (a null value
     * removes one this JVM has).
     */
    public String run(Path jar, String mainClass, List<String> args, Map<String, String> environment, Path log)
            throws Exception {
        List<String> command =
                new ArrayList<>(List.of(script("flink"), conf.toString(), "run", "-c", mainClass, jar.toString()));
        command.addAll(args);
        Process client = process(command, log, environment);
        clients.add(client);
        String[] jobId = new String[1];
        await(
                () -> {
                    Matcher submitted = SUBMITTED.matcher(Files.readString(log));
                    if (submitted.find()) {
                        jobId[0] = submitted.group(1);
                        return true;
                    }
                    if (!client.isAlive()) {
                        throw new IllegalStateException(
                                "flink run ended with " + client.exitValue() + ": " + Files.readString(log));
                    }
                    return false;
                },
                START_TIMEOUT);
        awaitRunning(jobId[0]);
        return jobId[0];
    }

    /**
     * Waits until the job is RUNNING and every one of its tasks runs, or has already finished (a bounded part,
     * such as the business calendar written at start): after a submission or a restart.
     */
    public void awaitRunning(String jobId) throws Exception {
        await(
                () -> {
                    JsonNode job = get("/jobs/" + jobId);
                    if (!job.path("state").asText().equals("RUNNING")) {
                        return false;
                    }
                    for (JsonNode vertex : job.path("vertices")) {
                        if (!Set.of("RUNNING", "FINISHED")
                                .contains(vertex.path("status").asText())) {
                            return false;
                        }
                    }
                    return true;
                },
                START_TIMEOUT);
    }

    /** The resource ids of the TaskManagers where any of the job's subtasks is RUNNING. */
    public Set<String> taskManagersRunning(String jobId) throws Exception {
        Set<String> running = new HashSet<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers";
            for (JsonNode taskManager : get(path).path("taskmanagers")) {
                if (taskManager.path("status").asText().equals("RUNNING")) {
                    running.add(taskManager.path("taskmanager-id").asText());
                }
            }
        }
        return running;
    }

    /**
     * Stops the job with a savepoint into {@code directory}, without draining (timers and windows stay in
     * the savepoint, as for a redeploy): {@code POST /jobs/:id/stop}, then the trigger is polled until the
     * savepoint is complete. Returns the savepoint's path.
     */
    public String stopWithSavepoint(String jobId, Path directory) throws Exception {
        String body = json.writeValueAsString(
                Map.of("targetDirectory", directory.toUri().toString(), "drain", false));
        String trigger =
                post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        JsonNode[] operation = new JsonNode[1];
        await(
                () -> {
                    JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
                    operation[0] = status.path("operation");
                    return status.path("status").path("id").asText().equals("COMPLETED");
                },
                START_TIMEOUT);
        if (operation[0].has("failure-cause")) {
            throw new IllegalStateException("stop with savepoint failed: " + operation[0].get("failure-cause"));
        }
        return operation[0].path("location").asText();
    }

    /** {@code GET} on the REST API; fails on any status but 200. */
    public JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(rest.resolve(path)).GET());
    }

    /** {@code POST} of a JSON body on the REST API; fails on any status but 200 and 202. */
    public JsonNode post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(rest.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) { // the JobManager starts: its leader is not elected yet
            throw new IOException(response.request().uri() + " is not served yet: " + response.body());
        }
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /**
     * Waits for the condition, failing at once if the JobManager's process has ended (its log says why) and
     * tolerating a REST API that does not answer yet, or answers 503, while the JobManager starts.
     */
    private void await(SupplierWithException<Boolean, Exception> condition, Duration atMost) throws Exception {
        Restarts.awaitCondition(
                () -> {
                    if (!jobManager.isAlive()) {
                        throw new IllegalStateException("the JobManager ended with " + jobManager.exitValue() + "; see "
                                + home.resolve("log/jobmanager.log"));
                    }
                    try {
                        return condition.get();
                    } catch (IOException notAnsweringYet) {
                        return false;
                    }
                },
                atMost);
    }

    /** Kills the clients, the TaskManagers and the JobManager this instance started, and waits for each. */
    @Override
    public void close() throws InterruptedException {
        List<Process> started = new ArrayList<>(clients);
        started.addAll(taskManagers.values());
        if (jobManager != null) {
            started.add(jobManager);
        }
        for (Process process : started) {
            process.destroyForcibly();
        }
        for (Process process : started) {
            process.waitFor(1, TimeUnit.MINUTES);
        }
    }

    private static String script(String name) {
        return MODULE.resolve("bin").resolve(name).toString();
    }

    /** A script's process, output to {@code log}, on this JVM's Java, with these variables added. */
    private static Process process(List<String> command, Path log, Map<String, String> environment) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return builder.start();
    }

    /** A port free on 127.0.0.1 now (the cluster binds it a moment later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
