package org.ccpulse.jobs.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.schemas.clickhouse.ClickHouseConnections;
import org.ccpulse.schemas.clickhouse.Migrations;
import org.ccpulse.schemas.clickhouse.Migrator;

/** A fresh database with every migration applied, so tests sharing one ClickHouse never see each other's rows. */
public final class ClickHouseDatabase {

    private ClickHouseDatabase() {}

    public static ClickHouseAccess fresh(ClickHouseEndpoint endpoint) throws SQLException {
        String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = ClickHouseConnections.open(endpoint.httpUrl(), endpoint.user(), endpoint.password())) {
            c.createStatement().execute("CREATE DATABASE " + name); // a generated name, not input
        }
        ClickHouseAccess access =
                new ClickHouseAccess(endpoint.httpUrl() + "/" + name, endpoint.user(), endpoint.password());
        try (Connection c = access.open()) {
            new Migrator(c).migrate(Migrations.bundled());
        }
        return access;
    }
}
