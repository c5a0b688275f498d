package org.ccpulse.schemas.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads the ordered list of migrations from a directory or from the copy bundled in this jar. */
public final class Migrations {

    /** Where the build puts {@code schemas/clickhouse/*.sql} on the classpath. */
    static final String BUNDLED_FOLDER = "clickhouse";

    private Migrations() {}

    /** The migrations shipped with this version of ccpulse, in version order. */
    public static List<Migration> bundled() {
        URL folder = Migrations.class.getClassLoader().getResource(BUNDLED_FOLDER);
        if (folder == null) {
            throw new IllegalStateException("no " + BUNDLED_FOLDER + "/ folder on the classpath");
        }
        try {
            URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return fromDirectory(jar.provider().getPath(uri));
                }
            }
            return fromDirectory(Path.of(uri));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read bundled migrations at " + folder, e);
        }
    }

    /** Every {@code *.sql} file of {@code dir}, in version order; duplicate versions are an error. */
    public static List<Migration> fromDirectory(Path dir) {
        List<Migration> migrations = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>)
                    files.filter(f -> f.getFileName().toString().endsWith(".sql"))::iterator) {
                migrations.add(
                        Migration.of(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list migrations in " + dir, e);
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        Map<Integer, Migration> seen = new HashMap<>();
        for (Migration m : migrations) {
            Migration twin = seen.putIfAbsent(m.version(), m);
            if (twin != null) {
                throw new IllegalStateException(
                        "two migrations share version " + m.version() + ": " + twin.fileName() + ", " + m.fileName());
            }
        }
        return List.copyOf(migrations);
    }
}
