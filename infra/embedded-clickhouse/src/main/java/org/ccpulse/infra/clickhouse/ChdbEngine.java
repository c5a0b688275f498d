package org.ccpulse.infra.clickhouse;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The chDB engine on one data directory. Every query runs on a connection of its own (chDB
 * connections are cheap, ~0.3 ms, and each keeps its own settings and current database), so a
 * query's settings, its {@code USE} or a client's {@code SET} never leak into another query.
 * Up to {@code maxConcurrentQueries} queries run at once; the rest wait.
 */
final class ChdbEngine implements AutoCloseable {

    private final ChdbNative chdb;
    private final String[] connectArgs;
    /** Held open for the server's lifetime: the engine boots with the first connection. */
    private final Pointer bootConnectionRef;

    private final Semaphore running;
    private final String serverVersion;
    private final String timezone;

    /** Statistics of a finished query (for X-ClickHouse-Summary). */
    record Statistics(
            long readRows,
            long readBytes,
            long writtenRows,
            long writtenBytes,
            long resultRows,
            long resultBytes,
            long elapsedNanos) {}

    /** A successful result, valid only inside {@link ResultHandler#handle}. */
    interface Result {
        Statistics statistics();

        void writeTo(OutputStream out) throws IOException;
    }

    interface ResultHandler {
        void handle(Result result) throws IOException;
    }

    ChdbEngine(Path library, Path dataDir, int maxConcurrentQueries) {
        this.chdb = ChdbNative.load(library);
        // ClickHouse would otherwise install handlers for SIGSEGV & co., which the JVM uses itself.
        chdb.chdb_set_signal_handlers_enabled(0);
        this.connectArgs = new String[] {"clickhouse", "--path=" + dataDir.toAbsolutePath()};
        this.bootConnectionRef = connect();
        this.running = new Semaphore(maxConcurrentQueries, true);
        List<String> info =
                List.of(queryText("SELECT version(), timezone()").strip().split("\t"));
        this.serverVersion = info.get(0);
        this.timezone = info.get(1);
    }

    String serverVersion() {
        return serverVersion;
    }

    String timezone() {
        return timezone;
    }

    /**
     * Runs one query: on a fresh connection, {@code USE database}, {@code SET} the settings, then the
     * query with its {@code {name:Type}} parameters bound by the engine (never spliced into the SQL).
     *
     * @throws ClickHouseException when the engine reports an error
     */
    void execute(HttpQuery query, ResultHandler handler) throws IOException, InterruptedException {
        running.acquire();
        Pointer connectionRef = connect();
        try {
            Pointer connection = connectionRef.getPointer(0);
            if (query.database().isPresent()) {
                check(
                        run(
                                connection,
                                ("USE " + SqlText.identifier(query.database().get())).getBytes(StandardCharsets.UTF_8),
                                "TabSeparated",
                                Map.of()),
                        null);
            }
            if (!query.settings().isEmpty()) {
                check(
                        run(
                                connection,
                                SqlText.setStatement(query.settings()).getBytes(StandardCharsets.UTF_8),
                                "TabSeparated",
                                Map.of()),
                        null);
            }
            check(run(connection, query.sql(), query.format(), query.parameters()), handler);
        } finally {
            chdb.chdb_close_conn(connectionRef);
            running.release();
        }
    }

    /** Runs a statement on the boot connection and returns its TabSeparated output (server start-up only). */
    private String queryText(String sql) {
        StringBuilder text = new StringBuilder();
        try {
            check(
                    run(
                            bootConnectionRef.getPointer(0),
                            sql.getBytes(StandardCharsets.UTF_8),
                            "TabSeparated",
                            Map.of()),
                    result -> {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        result.writeTo(bytes);
                        text.append(bytes.toString(StandardCharsets.UTF_8));
                    });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private Pointer connect() {
        Pointer ref = chdb.chdb_connect(connectArgs.length, connectArgs);
        if (ref == null || ref.getPointer(0) == null) {
            throw new IllegalStateException(
                    "chdb_connect failed for " + connectArgs[1] + " (is another process using this data directory?)");
        }
        return ref;
    }

    private Pointer run(Pointer connection, byte[] sql, String format, Map<String, String> parameters) {
        byte[] formatBytes = format.getBytes(StandardCharsets.UTF_8);
        if (parameters.isEmpty()) {
            return chdb.chdb_query_n(connection, sql, sql.length, formatBytes, formatBytes.length);
        }
        int n = parameters.size();
        Pointer[] names = new Pointer[n];
        Pointer[] values = new Pointer[n];
        long[] nameLengths = new long[n];
        long[] valueLengths = new long[n];
        int i = 0;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            byte[] name = p.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = p.getValue().getBytes(StandardCharsets.UTF_8);
            names[i] = nativeCopy(name);
            values[i] = nativeCopy(value);
            nameLengths[i] = name.length;
            valueLengths[i] = value.length;
            i++;
        }
        return chdb.chdb_query_with_params_n(
                connection,
                sql,
                sql.length,
                formatBytes,
                formatBytes.length,
                names,
                nameLengths,
                values,
                valueLengths,
                n);
    }

    private static Memory nativeCopy(byte[] bytes) {
        Memory memory = new Memory(Math.max(1, bytes.length));
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    /** Hands a successful result to the handler (if any), or throws its error; always frees it. */
    private void check(Pointer result, ResultHandler handler) throws IOException {
        if (result == null) {
            throw new ClickHouseException(ClickHouseError.parse("chDB returned no result"));
        }
        try {
            Pointer error = chdb.chdb_result_error(result);
            if (error != null) {
                throw new ClickHouseException(ClickHouseError.parse(error.getString(0, "UTF-8")));
            }
            if (handler != null) {
                handler.handle(new NativeResult(result));
            }
        } finally {
            chdb.chdb_destroy_query_result(result);
        }
    }

    private final class NativeResult implements Result {
        private static final int CHUNK = 1 << 20;
        private final Pointer result;

        NativeResult(Pointer result) {
            this.result = result;
        }

        @Override
        public Statistics statistics() {
            return new Statistics(
                    chdb.chdb_result_storage_rows_read(result),
                    chdb.chdb_result_storage_bytes_read(result),
                    chdb.chdb_result_rows_written(result),
                    chdb.chdb_result_bytes_written(result),
                    chdb.chdb_result_rows_read(result),
                    chdb.chdb_result_length(result),
                    (long) (chdb.chdb_result_elapsed(result) * 1e9));
        }

        /** Copies the engine's output buffer to the stream in chunks, byte for byte (binary formats too). */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            long length = chdb.chdb_result_length(result);
            if (length == 0) {
                return;
            }
            Pointer buffer = chdb.chdb_result_buffer(result);
            byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
            for (long offset = 0; offset < length; offset += chunk.length) {
                int n = (int) Math.min(chunk.length, length - offset);
                buffer.read(offset, chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void close() {
        chdb.chdb_close_conn(bootConnectionRef);
    }
}
