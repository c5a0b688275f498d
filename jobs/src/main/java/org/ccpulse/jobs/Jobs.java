package org.ccpulse.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpulse.jobs.complaints.ComplaintsJob;
import org.ccpulse.jobs.customervalue.CustomerValueJob;
import org.ccpulse.jobs.fcr.FcrJob;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;

/** Every metric job ccpulse has, by name: the one list the launcher chooses from. */
public final class Jobs {

    public static final List<MetricJob> ALL =
            List.of(new ServiceLevelJob(), new FcrJob(), new ComplaintsJob(), new CustomerValueJob());

    private Jobs() {}

    /** The configuration, refused if a section names no job or a job's section is wrong. */
    public static DeploymentConfig checked(DeploymentConfig config) {
        config.requireSectionsOf(names());
        ALL.forEach(job -> job.checkConfiguration(config));
        return config;
    }

    public static Set<String> names() {
        return ALL.stream().map(MetricJob::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The jobs named in a comma-separated list, in the order of {@link #ALL}; {@code all} names every job. */
    public static List<MetricJob> named(String commaSeparated) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : commaSeparated.split(",")) {
            if (!name.isBlank()) {
                wanted.add(name.strip());
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no job named; the jobs are " + String.join(", ", names()));
        }
        if (wanted.remove("all")) {
            wanted.addAll(names());
        }
        for (String name : wanted) {
            if (!names().contains(name)) {
                throw new IllegalArgumentException(
                        "unknown job '" + name + "'; the jobs are " + String.join(", ", names()));
            }
        }
        List<MetricJob> jobs = new ArrayList<>();
        for (MetricJob job : ALL) {
            if (wanted.contains(job.name())) {
                jobs.add(job);
            }
        }
        return jobs;
    }
}
