package org.ccpulse.infra.clickhouse;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The chDB engine on one data directory. Every query runs on a connection of its own (chDB
 * connections are cheap, ~0.3 ms, and each keeps its own settings, role and current database), so a
 * query's settings, its {@code USE} or a client's {@code SET} never leak into another query.
 * Up to {@code maxConcurrentQueries} queries run at once; the rest wait.
 *
 * <p>Each connection first takes the caller's role ({@link EngineConfig}), and a read-only caller's
 * {@code readonly = 2}; then the statement is analysed by ClickHouse itself and checked by the
 * {@link QueryGuard} before it runs.
 */
final class ChdbEngine implements AutoCloseable {

    private final ChdbNative chdb;
    private final String[] connectArgs;
    /** Held open for the server's lifetime: the engine boots with the first connection. */
    private final Pointer bootConnectionRef;

    private final Semaphore running;
    private final String serverVersion;
    private final String timezone;
    private final QueryGuard guard;

    /** Who sends a query, once authenticated. */
    record Caller(String user, Users.Access access) {}

    /** How much of a long statement is first tried for its head (see {@link #explainAst}). */
    static final int HEAD_PREFIX = 64 * 1024;

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

    /**
     * @param configFile       the engine configuration ({@link EngineConfig#write})
     * @param readOnlyDatabase the database read-only callers read (and are confined to)
     */
    ChdbEngine(Path library, Path dataDir, Path configFile, String readOnlyDatabase, int maxConcurrentQueries) {
        this.chdb = ChdbNative.load(library);
        // ClickHouse would otherwise install handlers for SIGSEGV & co., which the JVM uses itself.
        chdb.chdb_set_signal_handlers_enabled(0);
        this.connectArgs = new String[] {
            "clickhouse", "--path=" + dataDir.toAbsolutePath(), "--config-file=" + configFile.toAbsolutePath()
        };
        this.bootConnectionRef = connect();
        this.running = new Semaphore(maxConcurrentQueries, true);
        List<String> info =
                List.of(queryText("SELECT version(), timezone()").strip().split("\t"));
        this.serverVersion = info.get(0);
        this.timezone = info.get(1);
        this.guard = new QueryGuard(
                Arrays.stream(queryText("SELECT name FROM system.table_functions")
                                .split("\n"))
                        .filter(name -> !name.isBlank())
                        .collect(Collectors.toSet()),
                readOnlyDatabase);
    }

    String serverVersion() {
        return serverVersion;
    }

    String timezone() {
        return timezone;
    }

    /**
     * Runs one query: on a fresh connection, the caller's role (and {@code readonly = 2} for a
     * read-only caller), {@code USE database}, {@code SET} the settings; then the statement is
     * analysed ({@link #analyse}) and, if the {@link QueryGuard} allows it, run with its
     * {@code {name:Type}} parameters bound by the engine (never spliced into the SQL).
     *
     * @throws ClickHouseException when the engine reports an error or the statement is refused
     */
    void execute(HttpQuery query, Caller caller, ResultHandler handler) throws IOException, InterruptedException {
        running.acquire();
        Pointer connectionRef = connect();
        try {
            Pointer connection = connectionRef.getPointer(0);
            boolean readOnly = caller.access() == Users.Access.READ_ONLY;
            statement(connection, "SET ROLE " + (readOnly ? EngineConfig.READ_ONLY_ROLE : EngineConfig.FULL_ROLE));
            if (readOnly) {
                // before the client's settings, as a user's profile would be: readonly itself cannot be changed
                statement(connection, "SET readonly = 2");
            }
            Optional<String> database = query.database();
            if (readOnly && database.isPresent() && !database.get().equals(guard.readOnlyDatabase())) {
                throw new ClickHouseException(ClickHouseError.accessDenied(
                        caller.user(),
                        "a read-only user works in database " + guard.readOnlyDatabase() + ", not " + database.get()));
            }
            if (readOnly) {
                database = Optional.of(guard.readOnlyDatabase());
            }
            if (database.isPresent()) {
                statement(connection, "USE " + SqlText.identifier(database.get()));
            }
            if (!query.settings().isEmpty()) {
                statement(connection, SqlText.setStatement(query.settings()));
            }
            QueryGuard.QueryClass queryClass = analyse(connection, query.sql());
            guard.check(caller.user(), caller.access(), queryClass, explainAst(connection, query));
            check(run(connection, query.sql(), query.format(), query.parameters()), handler);
        } finally {
            chdb.chdb_close_conn(connectionRef);
            running.release();
        }
    }

    /**
     * ClickHouse's class of the statement ({@code chdb_classify_query_n}, the connection's own parser
     * and settings); exactly one statement is allowed. Text that does not parse gets ClickHouse's own
     * syntax error (from {@code formatQuery}, which parses without running anything).
     */
    private QueryGuard.QueryClass analyse(Pointer connection, byte[] sql) throws IOException {
        int[] analysis = {16, 0, 0, QueryGuard.QueryClass.UNKNOWN.ordinal()};
        if (chdb.chdb_classify_query_n(connection, sql, sql.length, null, 0, analysis) != 0) {
            throw new ClickHouseException(ClickHouseError.parse("chDB could not classify the statement"));
        }
        int statements = analysis[1];
        if (statements == 0) {
            formatQuery(connection, sql); // throws ClickHouse's syntax error
            throw new ClickHouseException(new ClickHouseError(
                    ClickHouseError.SYNTAX_ERROR, "Syntax error: the statement cannot be analysed. (SYNTAX_ERROR)"));
        }
        if (statements > 1) {
            throw new ClickHouseException(ClickHouseError.multiStatements(statements));
        }
        return QueryGuard.QueryClass.of(analysis[3]);
    }

    /**
     * The statement's syntax tree: {@code EXPLAIN AST} (which parses and runs nothing) of the statement
     * as ClickHouse formats it, so that an INSERT's inline data is left out, with the query's
     * parameters bound, so that {@code {t:Identifier}} shows the table it names.
     *
     * <p>A long INSERT is mostly inline data, which ClickHouse's parser does not read: its head is
     * taken from the first {@value #HEAD_PREFIX} bytes when they hold the whole statement up to its
     * data, else from the whole text.
     */
    private AstDump explainAst(Pointer connection, HttpQuery query) throws IOException {
        byte[] sql = query.sql();
        if (sql.length > HEAD_PREFIX) {
            try {
                String canonical = formatQuery(connection, Arrays.copyOf(sql, HEAD_PREFIX));
                AstDump head = explainFormatted(connection, query, canonical);
                if (isInsertWithInlineData(head, canonical)) {
                    return head;
                }
            } catch (ClickHouseException e) {
                // the prefix ends inside the statement: analyse the whole text
            }
        }
        return explainFormatted(connection, query, formatQuery(connection, sql));
    }

    /**
     * An INSERT whose rows follow the statement rather than come from a SELECT: its canonical text
     * ends with its FORMAT (VALUES is printed as FORMAT Values), after which the parser reads nothing
     * but data, so a prefix that parses to it held all of the statement.
     */
    private static boolean isInsertWithInlineData(AstDump tree, String canonical) {
        return tree.root().kind().equals("InsertQuery")
                && INSERT_DATA_FOLLOWS.matcher(canonical).find()
                && tree.topLevel().stream()
                        .noneMatch(
                                n -> n.kind().startsWith("Select") || n.kind().equals("Explain"));
    }

    private static final Pattern INSERT_DATA_FOLLOWS = Pattern.compile(" FORMAT [A-Za-z0-9_]+$");

    /** EXPLAIN AST of ClickHouse's canonical text of the statement. */
    private AstDump explainFormatted(Pointer connection, HttpQuery query, String canonical) throws IOException {
        byte[] probe = ("EXPLAIN AST graph = 0\n" + canonical).getBytes(StandardCharsets.UTF_8);
        // one EXPLAIN, which runs nothing (classified CONTROL when the statement sets mutations_sync & co.)
        int[] analysis = {16, 0, 0, QueryGuard.QueryClass.UNKNOWN.ordinal()};
        boolean classified = chdb.chdb_classify_query_n(connection, probe, probe.length, null, 0, analysis) == 0;
        QueryGuard.QueryClass probeClass = QueryGuard.QueryClass.of(analysis[3]);
        if (!classified
                || analysis[1] != 1
                || (probeClass != QueryGuard.QueryClass.READ_ONLY && probeClass != QueryGuard.QueryClass.CONTROL)) {
            throw new ClickHouseException(new ClickHouseError(
                    ClickHouseError.SYNTAX_ERROR,
                    "Syntax error: the statement cannot be analysed, so it is not run. (SYNTAX_ERROR)"));
        }
        StringBuilder text = new StringBuilder();
        check(run(connection, probe, "TabSeparated", query.parameters()), result -> text.append(textOf(result)));
        try {
            return AstDump.parse(text.toString());
        } catch (IllegalArgumentException e) {
            throw new ClickHouseException(new ClickHouseError(
                    ClickHouseError.SYNTAX_ERROR,
                    "Syntax error: the statement cannot be analysed (" + e.getMessage() + "). (SYNTAX_ERROR)"));
        }
    }

    /** {@code formatQuerySingleLine} of the statement: ClickHouse's canonical text, without INSERT data. */
    private String formatQuery(Pointer connection, byte[] sql) throws IOException {
        StringBuilder text = new StringBuilder();
        check(
                run(
                        connection,
                        "SELECT formatQuerySingleLine({ccpulse_statement:String})".getBytes(StandardCharsets.UTF_8),
                        "TabSeparatedRaw",
                        Map.of("ccpulse_statement", SqlText.escapedParameter(new String(sql, StandardCharsets.UTF_8)))),
                result -> text.append(textOf(result)));
        return text.toString().strip();
    }

    private void statement(Pointer connection, String sql) throws IOException {
        check(run(connection, sql.getBytes(StandardCharsets.UTF_8), "TabSeparated", Map.of()), null);
    }

    private static String textOf(Result result) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        result.writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
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
                    result -> text.append(textOf(result)));
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
