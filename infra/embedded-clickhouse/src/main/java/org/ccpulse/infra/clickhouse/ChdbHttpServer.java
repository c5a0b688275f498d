package org.ccpulse.infra.clickhouse;

import com.clickhouse.client.api.internal.CompressedBlockInputStream;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ClickHouse's HTTP interface (the subset drivers, Grafana and curl use) in front of a {@link ChdbEngine}. */
final class ChdbHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChdbHttpServer.class);
    private static final byte[] OK = "Ok.\n".getBytes(StandardCharsets.US_ASCII);

    private final ChdbEngine engine;
    private final Users users;
    private final HttpServer http;
    private final ExecutorService workers;

    ChdbHttpServer(ChdbEngine engine, Users users, InetSocketAddress address, int threads) throws IOException {
        this.engine = engine;
        this.users = users;
        this.http = HttpServer.create(address, 128);
        this.workers = Executors.newFixedThreadPool(threads);
        http.setExecutor(workers);
        http.createContext("/ping", this::ping);
        http.createContext("/", this::query);
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    private void ping(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
            exchange.sendResponseHeaders(200, OK.length);
            exchange.getResponseBody().write(OK);
        }
    }

    private void query(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/")) {
                sendError(
                        exchange,
                        ClickHouseError.badArguments("There is no handler "
                                + exchange.getRequestURI().getPath()),
                        404);
                return;
            }
            Headers headers = exchange.getRequestHeaders();
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} headers={}", exchange.getRequestMethod(), exchange.getRequestURI(), headers.keySet());
            }
            HttpQuery query;
            ChdbEngine.Caller caller;
            try {
                String rawQuery = exchange.getRequestURI().getRawQuery();
                byte[] body = readBody(exchange, HttpQuery.wantsDecompression(rawQuery));
                query = HttpQuery.parse(rawQuery, headers::getFirst, body);
                if (query.sql().length == 0) {
                    sendOk(exchange); // GET / with no query: ClickHouse's liveness answer
                    return;
                }
                caller = new ChdbEngine.Caller(query.credentials().user(), users.authenticate(query.credentials()));
            } catch (ClickHouseException e) {
                sendError(exchange, e.error(), e.error().httpStatus());
                return;
            }
            execute(exchange, query, caller);
        } catch (IOException | RuntimeException e) {
            LOG.warn("request failed: {}", e.toString());
            throw e;
        }
    }

    private void execute(HttpExchange exchange, HttpQuery query, ChdbEngine.Caller caller) throws IOException {
        String queryId = query.queryId().orElseGet(() -> UUID.randomUUID().toString());
        String format = ResponseFormat.of(query);
        Headers response = exchange.getResponseHeaders();
        response.set("X-ClickHouse-Query-Id", queryId);
        response.set("X-ClickHouse-Server-Display-Name", "ccpulse-embedded-clickhouse");
        response.set("X-ClickHouse-Timezone", engine.timezone());
        try {
            engine.execute(query, caller, result -> {
                ChdbEngine.Statistics stats = result.statistics();
                response.set("X-ClickHouse-Format", format);
                response.set("Content-Type", ResponseFormat.contentType(format));
                response.set("X-ClickHouse-Summary", summary(stats));
                String httpEncoding = query.httpCompression()
                        ? HttpEncoding.choose(exchange.getRequestHeaders().getFirst("Accept-Encoding"))
                        : "";
                if (!httpEncoding.isEmpty()) {
                    response.set("Content-Encoding", httpEncoding);
                }
                boolean emptyBody = stats.resultBytes() == 0 && !query.compressResponse() && httpEncoding.isEmpty();
                exchange.sendResponseHeaders(200, emptyBody ? -1 : 0);
                try (OutputStream out = encode(exchange.getResponseBody(), query.compressResponse(), httpEncoding)) {
                    result.writeTo(out);
                }
            });
        } catch (ClickHouseException e) {
            LOG.debug("query {} failed: {}", queryId, e.getMessage());
            sendError(exchange, e.error(), e.error().httpStatus());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** compress=1 (ClickHouse LZ4 blocks) is applied first, then the HTTP Content-Encoding, as ClickHouse does. */
    private static OutputStream encode(OutputStream body, boolean clickHouseCompression, String httpEncoding)
            throws IOException {
        OutputStream out = switch (httpEncoding) {
            case HttpEncoding.GZIP -> new GZIPOutputStream(body, 64 * 1024);
            case HttpEncoding.DEFLATE -> new DeflaterOutputStream(body);
            default -> body;
        };
        return clickHouseCompression ? new Lz4BlockOutputStream(out) : out;
    }

    /** Reads the body, undoing HTTP Content-Encoding (gzip, deflate) and ClickHouse's decompress=1 framing. */
    private static byte[] readBody(HttpExchange exchange, boolean clickHouseCompressed) throws IOException {
        InputStream in = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            switch (encoding.toLowerCase(Locale.ROOT).strip()) {
                case "gzip" -> in = new GZIPInputStream(in);
                case "deflate" -> in = new InflaterInputStream(in);
                case "identity", "" -> {}
                default ->
                    throw new ClickHouseException(ClickHouseError.badArguments("Unknown Content-Encoding " + encoding));
            }
        }
        if (clickHouseCompressed) {
            in = new CompressedBlockInputStream(
                    in, LZ4Factory.fastestInstance().fastDecompressor(), Lz4BlockOutputStream.BLOCK_SIZE);
        }
        try {
            return in.readAllBytes();
        } catch (RuntimeException e) { // the driver's stream reports a bad checksum or method as an unchecked exception
            throw new ClickHouseException(
                    new ClickHouseError(432, "Cannot decompress request body: " + e.getMessage() + " (UNKNOWN_CODEC)"));
        }
    }

    static String summary(ChdbEngine.Statistics s) {
        return "{\"read_rows\":\"" + s.readRows() + "\",\"read_bytes\":\"" + s.readBytes()
                + "\",\"written_rows\":\"" + s.writtenRows() + "\",\"written_bytes\":\"" + s.writtenBytes()
                + "\",\"total_rows_to_read\":\"" + s.readRows() + "\",\"result_rows\":\"" + s.resultRows()
                + "\",\"result_bytes\":\"" + s.resultBytes() + "\",\"elapsed_ns\":\"" + s.elapsedNanos() + "\"}";
    }

    private static void sendOk(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(200, OK.length);
        exchange.getResponseBody().write(OK);
    }

    private void sendError(HttpExchange exchange, ClickHouseError error, int status) throws IOException {
        byte[] body = error.httpBody(engine.serverVersion()).getBytes(StandardCharsets.UTF_8);
        Headers response = exchange.getResponseHeaders();
        response.remove("X-ClickHouse-Summary");
        response.set("Content-Type", "text/plain; charset=UTF-8");
        response.set("X-ClickHouse-Exception-Code", Integer.toString(error.code()));
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        http.stop(1);
        workers.shutdownNow();
    }
}
