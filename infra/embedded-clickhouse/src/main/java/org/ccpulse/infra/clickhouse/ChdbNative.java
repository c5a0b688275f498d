package org.ccpulse.infra.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * JNA view of the part of chDB's C API (chdb.h, chDB 26.7) this server uses. Handles are opaque
 * pointers; size_t is mapped to {@code long} (Linux x86-64 only, which is what the npm package ships).
 */
interface ChdbNative extends Library {

    static ChdbNative load(Path libchdb) {
        return Native.load(libchdb.toAbsolutePath().toString(), ChdbNative.class);
    }

    /** Must run before {@link #chdb_connect}: keeps ClickHouse's handlers off the JVM's signals. */
    void chdb_set_signal_handlers_enabled(int enabled);

    /** Returns a {@code chdb_connection *} (pointer to the handle), or null. */
    Pointer chdb_connect(int argc, String[] argv);

    /** Takes the {@code chdb_connection *} that {@link #chdb_connect} returned. */
    void chdb_close_conn(Pointer connectionRef);

    Pointer chdb_query_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

    Pointer chdb_query_with_params_n(
            Pointer connection,
            byte[] query,
            long queryLength,
            byte[] format,
            long formatLength,
            Pointer[] names,
            long[] nameLengths,
            Pointer[] values,
            long[] valueLengths,
            long count);

    /**
     * ClickHouse's own parser says what a statement is, without running it (chdb.h, chDB 26.7):
     * {@code analysis} is a {@code chdb_query_analysis_v1}, four uint32 fields: struct_size (set by
     * the caller to 16), statement_count, flags, query_class. Returns 0 (CHDBSuccess) or 1.
     */
    int chdb_classify_query_n(
            Pointer connection,
            byte[] sql,
            long sqlLength,
            byte[] targetDatabase,
            long targetDatabaseLength,
            int[] analysis);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    double chdb_result_elapsed(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    long chdb_result_storage_rows_read(Pointer result);

    long chdb_result_storage_bytes_read(Pointer result);

    /** Null-terminated error text, or null when the query succeeded. */
    Pointer chdb_result_error(Pointer result);

    void chdb_destroy_query_result(Pointer result);

    String chdb_version();
}
