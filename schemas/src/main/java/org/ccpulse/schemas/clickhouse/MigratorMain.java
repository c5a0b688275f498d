package org.ccpulse.schemas.clickhouse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate}: applies the pending ClickHouse migrations. Credentials come from the environment or a file. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Applies pending ClickHouse migrations (schemas/clickhouse) in order; idempotent.")
public final class MigratorMain implements Callable<Integer> {

    @Option(
            names = "--url",
            description = "ClickHouse HTTP or JDBC address (env CLICKHOUSE_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CLICKHOUSE_URL:-http://127.0.0.1:8123}")
    String url;

    @Option(
            names = "--user",
            description = "user (env CLICKHOUSE_USER, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CLICKHOUSE_USER:-default}")
    String user;

    @Option(names = "--password-file", description = "file holding the password (else env CLICKHOUSE_PASSWORD)")
    Path passwordFile;

    @Option(names = "--dir", description = "read migrations from this folder instead of the bundled ones")
    Path dir;

    @Override
    public Integer call() throws Exception {
        String password = passwordFile != null
                ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                : System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", "");
        List<Migration> migrations = dir != null ? Migrations.fromDirectory(dir) : Migrations.bundled();
        try (Connection connection = ClickHouseConnections.open(url, user, password)) {
            Migrator.Result result = new Migrator(connection).migrate(migrations);
            result.applied().forEach(m -> System.out.println("applied " + m.fileName()));
            System.out.printf(
                    "%d applied, %d already applied%n",
                    result.applied().size(), result.alreadyApplied().size());
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MigratorMain()).execute(args));
    }
}
