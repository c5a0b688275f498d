package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.internal.CompressedBlockInputStream;
import com.clickhouse.client.api.internal.CompressedBlockOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP interface as curl sees it, against a server that requires a password. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChdbHttpInterfaceIT {

    private static final String USER = "ccpulse";
    private static final String PASSWORD = "it's-a-secret";
    private static final String READER = "grafana";
    private static final String READER_PASSWORD = "read:only";
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    @TempDir
    static Path dir;

    private EmbeddedClickHouse server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        server = EmbeddedClickHouse.start(
                dir.resolve("data"),
                EmbeddedClickHouse.Options.defaults()
                        .withCredentials(USER, PASSWORD)
                        .withReadOnlyUser(READER, READER_PASSWORD)
                        .withReadOnlyDatabase("http_it"));
        post("", "CREATE DATABASE IF NOT EXISTS http_it");
        post("", "CREATE TABLE http_it.calls (id UInt32, agent String) ENGINE = MergeTree ORDER BY id");
        post("", "INSERT INTO http_it.calls VALUES (1, 'ann'), (2, 'bob'), (3, 'cid')");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReadOnlyUserReadsAndChangesSettingsButCannotWrite() throws Exception {
        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/", "max_execution_time=30"))
                .header("Authorization", basic(READER, READER_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT count() FROM http_it.calls"))
                .build());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("3\n");

        for (String write : new String[] {
            "INSERT INTO http_it.calls VALUES (9, 'eve')", "DROP TABLE http_it.calls", "SET readonly = 0"
        }) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/", "readonly=0"))
                    .header("Authorization", basic(READER, READER_PASSWORD))
                    .POST(HttpRequest.BodyPublishers.ofString(write))
                    .build());
            assertThat(refused.statusCode()).as(write).isNotEqualTo(200);
            assertThat(refused.body()).as(write).contains("readonly");
        }
        assertThat(post("", "SELECT count() FROM http_it.calls").body()).isEqualTo("3\n");
    }

    @Test
    void pingAndBareGetAnswerOk() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/ping", "")).build()).body())
                .isEqualTo("Ok.\n");
        assertThat(send(HttpRequest.newBuilder(uri("/", "")).build()).body()).isEqualTo("Ok.\n");
    }

    @Test
    void defaultFormatIsTabSeparated() throws Exception {
        HttpResponse<String> r = post("", "SELECT id, agent FROM http_it.calls ORDER BY id");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("1\tann\n2\tbob\n3\tcid\n");
        assertThat(r.headers().firstValue("X-ClickHouse-Format")).contains("TabSeparated");
        assertThat(r.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"result_rows\":\"3\"");
        assertThat(r.headers().firstValue("X-ClickHouse-Query-Id")).isPresent();
        assertThat(r.headers().firstValue("X-ClickHouse-Timezone")).isPresent();
    }

    @Test
    void formatFromHeaderParameterOrTheQueryItself() throws Exception {
        String sql = "SELECT id FROM http_it.calls WHERE id = 1";
        assertThat(send(authorized(uri("/", ""))
                                .header("X-ClickHouse-Format", "JSONEachRow")
                                .POST(HttpRequest.BodyPublishers.ofString(sql))
                                .build())
                        .body())
                .isEqualTo("{\"id\":1}\n");
        assertThat(post("default_format=CSVWithNames", sql).body()).isEqualTo("\"id\"\n1\n");
        HttpResponse<String> own = post("default_format=CSV", sql + " FORMAT JSONCompactEachRow");
        assertThat(own.body()).isEqualTo("[1]\n");
        assertThat(own.headers().firstValue("X-ClickHouse-Format")).contains("JSONCompactEachRow");
    }

    @Test
    void binaryFormatsPassThroughByteForByte() throws Exception {
        HttpResponse<byte[]> r = sendBytes(authorized(uri("/", "default_format=RowBinary"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT toUInt32(258) AS n, 'ab' AS s"))
                .build());

        assertThat(r.body()).containsExactly(2, 1, 0, 0, 2, 'a', 'b');
    }

    @Test
    void databaseFromHeaderOrParameter() throws Exception {
        assertThat(post("database=http_it", "SELECT count() FROM calls").body()).isEqualTo("3\n");
        assertThat(send(authorized(uri("/", ""))
                                .header("X-ClickHouse-Database", "http_it")
                                .POST(HttpRequest.BodyPublishers.ofString("SELECT currentDatabase()"))
                                .build())
                        .body())
                .isEqualTo("http_it\n");
        // and it does not stick to later requests
        assertThat(post("", "SELECT currentDatabase()").body()).isEqualTo("default\n");
    }

    @Test
    void settingsApplyToTheirQueryOnly() throws Exception {
        String defaultBlockSize =
                post("", "SELECT getSetting('max_block_size')").body();
        assertThat(post("max_block_size=1234", "SELECT getSetting('max_block_size')")
                        .body())
                .isEqualTo("1234\n");
        assertThat(post("", "SET max_block_size = 4321").statusCode()).isEqualTo(200);
        assertThat(post("", "SELECT getSetting('max_block_size')").body()).isEqualTo(defaultBlockSize);
        assertThat(defaultBlockSize).isNotIn("1234\n", "4321\n");
        HttpResponse<String> unknown = post("no_such_setting=1", "SELECT 1");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).startsWith("Code: 115.");
    }

    @Test
    void queryParametersAreBoundNotSpliced() throws Exception {
        String hostile = "x' OR 1=1 --";
        HttpResponse<String> r = post(
                "param_agent=" + enc(hostile) + "&param_min=2",
                "SELECT count() FROM http_it.calls WHERE agent = {agent:String} OR id >= {min:UInt32} + 10");
        assertThat(r.body()).isEqualTo("0\n");
        assertThat(post("param_agent=bob", "SELECT id FROM http_it.calls WHERE agent = {agent:String}")
                        .body())
                .isEqualTo("2\n");
    }

    @Test
    void insertWithQueryInUrlAndDataInBody() throws Exception {
        post("", "CREATE TABLE http_it.notes (id UInt32, text String) ENGINE = MergeTree ORDER BY id");
        HttpResponse<String> r = post("query=" + enc("INSERT INTO http_it.notes FORMAT TSV"), "1\tfirst\n2\tsecond\n");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-ClickHouse-Summary").orElseThrow()).contains("\"written_rows\":\"2\"");
        assertThat(post("", "SELECT text FROM http_it.notes ORDER BY id").body())
                .isEqualTo("first\nsecond\n");
    }

    @Test
    void errorsComeWithCodeHeaderAndClickHouseText() throws Exception {
        HttpResponse<String> r = post("", "SELECT * FROM http_it.missing");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-ClickHouse-Exception-Code")).contains("60");
        assertThat(r.body()).matches("(?s)Code: 60\\. DB::Exception: .*\\(UNKNOWN_TABLE\\) \\(version [0-9.]+\\)\n");
    }

    @Test
    void wrongOrMissingPasswordIsRefusedWith516() throws Exception {
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/", ""))
                .header("Authorization", basic(USER, "guess"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                .build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("X-ClickHouse-Exception-Code")).contains("516");
        assertThat(wrong.body()).startsWith("Code: 516. DB::Exception: ccpulse: Authentication failed");

        HttpResponse<String> anonymous =
                send(HttpRequest.newBuilder(uri("/", "query=SELECT+1")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void credentialsInHeadersOrParametersWorkToo() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/", "query=SELECT+7"))
                                .header("X-ClickHouse-User", USER)
                                .header("X-ClickHouse-Key", PASSWORD)
                                .build())
                        .body())
                .isEqualTo("7\n");
        assertThat(send(HttpRequest.newBuilder(uri("/", "query=SELECT+8&user=" + USER + "&password=" + enc(PASSWORD)))
                                .build())
                        .body())
                .isEqualTo("8\n");
    }

    @Test
    void gzipWhenAskedForAndAccepted() throws Exception {
        HttpResponse<byte[]> r = sendBytes(authorized(uri("/", "enable_http_compression=1"))
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT number FROM numbers(1000)"))
                .build());

        assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
        String text = new String(
                new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1000).startsWith("0", "1").endsWith("999");

        HttpResponse<byte[]> deflated = sendBytes(authorized(uri("/", "enable_http_compression=1"))
                .header("Accept-Encoding", "deflate")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 'inflated'"))
                .build());
        assertThat(deflated.headers().firstValue("Content-Encoding")).contains("deflate");
        assertThat(new InflaterInputStream(new ByteArrayInputStream(deflated.body())).readAllBytes())
                .isEqualTo("inflated\n".getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> notAsked = send(authorized(uri("/", ""))
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 'plain'"))
                .build());
        assertThat(notAsked.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(notAsked.body()).isEqualTo("plain\n");
    }

    @Test
    void compressOneAnswersInClickHouseLz4Blocks() throws Exception {
        HttpResponse<byte[]> r = sendBytes(authorized(uri("/", "compress=1"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT agent FROM http_it.calls ORDER BY id"))
                .build());

        assertThat(r.body()[16]).isEqualTo((byte) 0x82);
        assertThat(new String(lz4Decode(r.body()), StandardCharsets.UTF_8)).isEqualTo("ann\nbob\ncid\n");
    }

    @Test
    void decompressOneReadsTheBodyInClickHouseLz4Blocks() throws Exception {
        post("", "CREATE TABLE http_it.compressed (n UInt32) ENGINE = MergeTree ORDER BY n");
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (CompressedBlockOutputStream out =
                new CompressedBlockOutputStream.LZ4OutputStream(framed, LZ4.fastCompressor(), 1 << 16)) {
            out.write("1\n2\n3\n4\n".repeat(100).getBytes(StandardCharsets.US_ASCII));
        }
        HttpResponse<String> r =
                send(authorized(uri("/", "decompress=1&query=" + enc("INSERT INTO http_it.compressed FORMAT TSV")))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(framed.toByteArray()))
                        .build());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(post("", "SELECT count(), sum(n) FROM http_it.compressed").body())
                .isEqualTo("400\t1000\n");
    }

    @Test
    void aSecondServerOnATakenPortFailsWithItsOutput() {
        assertThatThrownBy(() -> EmbeddedClickHouse.start(
                        dir.resolve("other"),
                        EmbeddedClickHouse.Options.defaults().withPort(server.port())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before listening")
                .hasMessageContaining("Address already in use");
    }

    private HttpResponse<String> post(String params, String body) throws IOException, InterruptedException {
        return send(authorized(uri("/", params))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", basic(USER, PASSWORD));
    }

    private URI uri(String path, String params) {
        return URI.create(server.httpUrl() + path + (params.isEmpty() ? "" : "?" + params));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] lz4Decode(byte[] framed) throws IOException {
        try (InputStream in =
                new CompressedBlockInputStream(new ByteArrayInputStream(framed), LZ4.fastDecompressor(), 8192)) {
            return in.readAllBytes();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
