package org.ccpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed Grafana files (dashboards/) read offline: structural problems of each dashboard,
 * and every SQL query in them (panel targets, variables, alert rules) for running on ClickHouse.
 */
final class Dashboards {

    static final String DATASOURCE_TYPE = "grafana-clickhouse-datasource";
    static final String DATASOURCE_UID = "ccpulse-clickhouse";
    static final int GRID_COLUMNS = 24;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One SQL query as Grafana would send it, before expansion. */
    record Query(String where, String panelType, String rawSql, List<String> fieldNamesUsed) {}

    private Dashboards() {}

    /** This module's folder, which holds the Grafana files (tests run with it as working directory). */
    static Path folder() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    }

    static List<Path> dashboardFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder.resolve("ccpulse"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything wrong with the dashboards in these files; empty when they are fit to provision. */
    static List<String> problems(List<Path> files) {
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard;
            try {
                dashboard = JSON.readTree(file.toFile());
            } catch (IOException e) {
                problems.add(file.getFileName() + ": malformed JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            String name = file.getFileName().toString();
            String uid = dashboard.path("uid").asText("");
            if (uid.isBlank()) {
                problems.add(name + ": no uid");
            } else if (!uids.add(uid)) {
                problems.add(name + ": uid " + uid + " is used by another dashboard");
            } else if (uid.length() > 40) {
                problems.add(name + ": uid longer than Grafana's 40 characters");
            }
            if (dashboard.path("title").asText("").isBlank()) {
                problems.add(name + ": no title");
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                checkDatasource(
                        name + " variable " + variable.path("name").asText(), variable.path("datasource"), problems);
            }
            checkPanels(name, dashboard.path("panels"), problems);
            checkSingleValuesQuoted(name, dashboard, problems);
            for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                if (annotation.path("builtIn").asInt(0) == 1) {
                    continue; // Grafana's own annotations and alerts, no query
                }
                String where = name + " annotation '" + annotation.path("name").asText() + "'";
                checkDatasource(where, annotation.path("datasource"), problems);
                checkDatasource(where + " query", annotation.path("target").path("datasource"), problems);
                if (annotation.path("target").path("rawSql").asText("").isBlank()) {
                    problems.add(where + ": no rawSql");
                }
            }
        }
        return problems;
    }

    private static void checkPanels(String name, JsonNode panels, List<String> problems) {
        List<int[]> placed = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String where = name + " panel '" + panel.path("title").asText() + "'";
            if (!ids.add(panel.path("id").asInt(-1))) {
                problems.add(where + ": missing or repeated id");
            }
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt(0);
            int h = grid.path("h").asInt(0);
            if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > GRID_COLUMNS) {
                problems.add(where + ": gridPos " + grid + " does not fit the 24-column grid");
            }
            for (int[] other : placed) {
                if (x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h) {
                    problems.add(where + ": overlaps another panel");
                }
            }
            placed.add(new int[] {x, y, w, h});
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            checkDatasource(where, panel.path("datasource"), problems);
            if (panel.path("targets").isEmpty()) {
                problems.add(where + ": no query");
            }
            for (JsonNode target : panel.path("targets")) {
                checkDatasource(where + " query " + target.path("refId").asText(), target.path("datasource"), problems);
                if (target.path("rawSql").asText("").isBlank()) {
                    problems.add(where + ": query " + target.path("refId").asText() + " has no rawSql");
                }
                if (!target.path("pluginVersion").asText("").matches("[4-9]\\..*")) {
                    problems.add(
                            where + ": query pluginVersion must be >= 4.0.0, or Grafana migrates it as a v3 query");
                }
            }
        }
    }

    /**
     * The plugin inserts a single-value variable's value as it is (only a multi-value variable's values
     * are quoted), so SQL must quote it itself: {@code window = '${window}'}, never {@code window = ${window}}.
     */
    private static void checkSingleValuesQuoted(String name, JsonNode dashboard, List<String> problems) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("multi").asBoolean(false)) {
                continue;
            }
            String single = variable.path("name").asText();
            Pattern use = Pattern.compile(
                    "(.?)\\$(?:\\{" + Pattern.quote(single) + "(?::\\w+)?}|" + Pattern.quote(single) + "\\b)(.?)");
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    java.util.regex.Matcher m =
                            use.matcher(target.path("rawSql").asText());
                    while (m.find()) {
                        if (!m.group(1).equals("'") || !m.group(2).equals("'")) {
                            problems.add(name + " panel '" + panel.path("title").asText() + "': single-value variable $"
                                    + single + " not in quotes; the plugin inserts its value unquoted");
                        }
                    }
                }
            }
        }
    }

    private static void checkDatasource(String where, JsonNode ds, List<String> problems) {
        if (!ds.isObject()
                || !DATASOURCE_TYPE.equals(ds.path("type").asText())
                || !DATASOURCE_UID.equals(ds.path("uid").asText())) {
            problems.add(where + ": datasource must be {type: " + DATASOURCE_TYPE + ", uid: " + DATASOURCE_UID
                    + "}, was " + ds);
        }
    }

    /**
     * Where a dashboard colours a service level by a constant instead of each row's own target. Every
     * panel that reads {@code service_level} must colour only columns its SQL derives from {@code
     * sl_vs_target} or {@code sl_status} (target-relative: 0 is "at target" whatever the target), and
     * at least one of them; its defaults (which reach the service level itself) may not colour by value.
     */
    static List<String> colourProblems(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
            StringBuilder sql = new StringBuilder();
            panel.path("targets")
                    .forEach(t -> sql.append(t.path("rawSql").asText()).append('\n'));
            if (!sql.toString().contains("service_level")) {
                continue;
            }
            String where = file.getFileName() + " panel '" + panel.path("title").asText() + "'";
            if (coloursByValue(panel.path("fieldConfig").path("defaults"))) {
                problems.add(
                        where + ": its defaults colour every field, the service level included, by constant values");
            }
            int targetRelative = 0;
            for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
                String field = override.path("matcher").path("options").asText();
                ObjectNode properties = JSON.createObjectNode();
                for (JsonNode property : override.path("properties")) {
                    properties.set(property.path("id").asText(), property.path("value"));
                }
                if (!coloursByValue(properties)) {
                    continue;
                }
                Pattern bound = Pattern.compile(
                        "(sl_vs_target|sl_status)[^,]*?\\s+AS\\s+[\"`]?" + Pattern.quote(field) + "[\"`]?(\\s|,|$)");
                if (bound.matcher(sql).find()) {
                    targetRelative++;
                } else {
                    problems.add(where + ": colours '" + field + "', which its query does not derive from sl_vs_target"
                            + " or sl_status (the row's own target)");
                }
            }
            if (targetRelative == 0) {
                problems.add(where + ": shows a service level but colours nothing against the row's target");
            }
        }
        return problems;
    }

    /** Whether field config colours by value: thresholds of more than one step, or mappings with a colour. */
    private static boolean coloursByValue(JsonNode config) {
        if (config.path("thresholds").path("steps").size() > 1) {
            return true;
        }
        for (JsonNode mapping : config.path("mappings")) {
            if (mapping.path("options").findValue("color") != null) {
                return true;
            }
        }
        return false;
    }

    /** Every panel query of a dashboard, with the field names the panel's overrides rely on. */
    static List<Query> panelQueries(Path file) throws IOException {
        JsonNode dashboard = JSON.readTree(file.toFile());
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            List<String> fields = new ArrayList<>();
            for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
                if (override.path("matcher").path("id").asText().equals("byName")) {
                    fields.add(override.path("matcher").path("options").asText());
                }
            }
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(
                        file.getFileName() + " / " + panel.path("title").asText() + " / "
                                + target.path("refId").asText(),
                        panel.path("type").asText(),
                        target.path("rawSql").asText(),
                        fields));
            }
        }
        return queries;
    }

    /**
     * Each annotation query of a dashboard (Grafana's built-in one has none). Grafana reads the columns
     * {@code time}, {@code timeEnd} (a region), {@code text} and {@code tags} of its rows.
     */
    static List<Query> annotationQueries(Path file) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (JsonNode annotation :
                JSON.readTree(file.toFile()).path("annotations").path("list")) {
            if (annotation.path("builtIn").asInt(0) == 1) {
                continue;
            }
            queries.add(new Query(
                    file.getFileName() + " / annotation "
                            + annotation.path("name").asText(),
                    "annotation",
                    annotation.path("target").path("rawSql").asText(),
                    List.of()));
        }
        return queries;
    }

    /** The length of a dashboard's default time range ({@code "time": {"from": "now-30d", "to": "now"}}). */
    static Duration defaultRange(Path file) throws IOException {
        JsonNode time = JSON.readTree(file.toFile()).path("time");
        java.util.regex.Matcher m =
                Pattern.compile("now-(\\d+)([mhdw])").matcher(time.path("from").asText());
        if (!m.matches() || !time.path("to").asText().equals("now")) {
            throw new IllegalStateException(
                    file.getFileName() + ": default time range not of the form now-<n><m|h|d|w>" + " to now: " + time);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** A dashboard variable: whether it takes several values (then Grafana quotes them) and its default selection. */
    record Variable(String name, String rawSql, boolean multi, List<String> current) {}

    /** Each dashboard variable with its query, kind and default selection ({@code $__all} for "All"). */
    static List<Variable> variables(Path file) throws IOException {
        List<Variable> variables = new ArrayList<>();
        for (JsonNode variable : JSON.readTree(file.toFile()).path("templating").path("list")) {
            JsonNode value = variable.path("current").path("value");
            List<String> current = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> current.add(v.asText()));
            } else if (!value.isMissingNode()) {
                current.add(value.asText());
            }
            variables.add(new Variable(
                    variable.path("name").asText(),
                    variable.path("query").path("rawSql").asText(),
                    variable.path("multi").asBoolean(false),
                    current));
        }
        return variables;
    }

    /** Every ClickHouse query of the provisioned alert rules. */
    static List<Query> alertQueries(Path folder) throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.resolve("provisioning/alerting"))) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        for (JsonNode data : rule.path("data")) {
                            if (DATASOURCE_UID.equals(data.path("datasourceUid").asText())) {
                                queries.add(new Query(
                                        file.getFileName() + " / "
                                                + rule.path("uid").asText(),
                                        "alert",
                                        data.path("model").path("rawSql").asText(),
                                        List.of()));
                            }
                        }
                    }
                }
            }
        }
        return queries;
    }

    /**
     * A provisioned alert rule whose condition is Grafana's threshold expression on one ClickHouse query:
     * the query's rows become alert instances (see {@link AlertEvaluation}), each firing when its value
     * meets the evaluator ({@code lt}, {@code gt}, {@code within_range}, {@code outside_range}).
     */
    record AlertRule(String file, String uid, String rawSql, String evaluator, List<Double> params) {

        boolean fires(double value) {
            return switch (evaluator) {
                case "lt" -> value < params.get(0);
                case "gt" -> value > params.get(0);
                case "within_range" -> value > params.get(0) && value < params.get(1);
                case "outside_range" -> value < params.get(0) || value > params.get(1);
                default ->
                    throw new IllegalStateException(uid + ": threshold evaluator " + evaluator + " not modelled");
            };
        }
    }

    /** Every provisioned alert rule, with its ClickHouse query and the threshold its condition applies to it. */
    static List<AlertRule> alertRules(Path folder) throws IOException {
        List<AlertRule> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.resolve("provisioning/alerting"))) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        rules.add(alertRule(file.getFileName().toString(), rule));
                    }
                }
            }
        }
        return rules;
    }

    private static AlertRule alertRule(String file, JsonNode rule) {
        String uid = rule.path("uid").asText();
        JsonNode condition = dataOf(rule, rule.path("condition").asText());
        JsonNode model = condition.path("model");
        if (!model.path("type").asText().equals("threshold")
                || model.path("conditions").size() != 1) {
            throw new IllegalStateException(file + " / " + uid + ": the condition is not one threshold expression");
        }
        JsonNode query = dataOf(rule, model.path("expression").asText());
        if (!DATASOURCE_UID.equals(query.path("datasourceUid").asText())) {
            throw new IllegalStateException(file + " / " + uid + ": the threshold is not on a ClickHouse query");
        }
        JsonNode evaluator = model.path("conditions").get(0).path("evaluator");
        List<Double> params = new ArrayList<>();
        evaluator.path("params").forEach(p -> params.add(p.asDouble()));
        return new AlertRule(
                file,
                uid,
                query.path("model").path("rawSql").asText(),
                evaluator.path("type").asText(),
                params);
    }

    private static JsonNode dataOf(JsonNode rule, String refId) {
        for (JsonNode data : rule.path("data")) {
            if (data.path("refId").asText().equals(refId)) {
                return data;
            }
        }
        throw new IllegalStateException(rule.path("uid").asText() + ": no data with refId '" + refId + "'");
    }

    static JsonNode yaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }
}
