package org.ccpulse.jobs.fcr;

/**
 * One row of ClickHouse's {@code fcr_team_targets}: the configured FCR target of a team in a window;
 * team {@code ""} is the default for teams without their own. A Flink POJO.
 */
public class FcrTarget {
    public String team;
    public String window;
    public double target;

    public FcrTarget() {}

    public FcrTarget(String team, String window, double target) {
        this.team = team;
        this.window = window;
        this.target = target;
    }

    @Override
    public String toString() {
        return "FcrTarget[" + team + ", " + window + ", " + target + "]";
    }
}
