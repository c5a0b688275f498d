package org.ccpulse.jobs.servicelevel;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;

/**
 * What every restart IT of the service-level job starts from: a simulated day of a 40-agent center, a fresh
 * ClickHouse database, the deployment configuration as a file and a checkpoint directory (a URI), all under
 * {@code dir}. The ITs cut the traffic where their interruption needs it.
 */
record RestartRun(SimulatedTraffic traffic, ClickHouseAccess db, Path config, String checkpoints) {

    static RestartRun prepare(Path dir, ClickHouseEndpoint clickHouse) throws Exception {
        return new RestartRun(
                SimulatedTraffic.simulate(dir.resolve("traffic"), 40, 1, "2026-10-25", 11),
                ClickHouseDatabase.fresh(clickHouse),
                Files.writeString(dir.resolve("ccpulse.yaml"), JobRuns.DEPLOYMENT_YAML),
                dir.resolve("checkpoints").toUri().toString());
    }
}
