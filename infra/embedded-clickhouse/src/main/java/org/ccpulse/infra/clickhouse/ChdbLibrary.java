package org.ccpulse.infra.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds libchdb.so: the file named by {@code CHDB_LIB}, else the copy in the cache
 * ({@code $CCPULSE_CACHE_DIR/chdb/<version>/}, default {@code ~/.cache/ccpulse}), which the first
 * caller fetches with {@code npm pack @chdb/lib-linux-x64-gnu@<version>} under a file lock so that
 * parallel first uses download once.
 */
public final class ChdbLibrary {

    static final String NPM_PACKAGE = "@chdb/lib-linux-x64-gnu";
    private static final String LIBRARY_FILE = "libchdb.so";

    private ChdbLibrary() {}

    /** The pinned npm version (parent pom property {@code chdb.npm.version}). */
    public static String pinnedVersion() {
        try (InputStream in = ChdbLibrary.class.getResourceAsStream("chdb.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("chdb.npm.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** libchdb.so for this machine, fetching it on first use; fails with the reason if it cannot. */
    public static Path locate() {
        return locate(System.getenv());
    }

    static Path locate(Map<String, String> env) {
        String explicit = env.get("CHDB_LIB");
        if (explicit != null && !explicit.isBlank()) {
            Path lib = Path.of(explicit);
            if (!Files.isRegularFile(lib)) {
                throw new IllegalStateException("CHDB_LIB=" + explicit + " is not a file");
            }
            return lib;
        }
        return fetchIntoCache(cacheDir(env).resolve("chdb").resolve(pinnedVersion()), pinnedVersion());
    }

    static Path cacheDir(Map<String, String> env) {
        String dir = env.get("CCPULSE_CACHE_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ccpulse");
    }

    private static Path fetchIntoCache(Path versionDir, String version) {
        Path lib = versionDir.resolve(LIBRARY_FILE);
        if (Files.isRegularFile(lib)) {
            return lib;
        }
        try {
            Files.createDirectories(versionDir);
            try (FileChannel lockFile = FileChannel.open(
                            versionDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (!Files.isRegularFile(lib)) { // another process may have finished while we waited
                    download(versionDir, version);
                }
            }
            return lib;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot obtain " + NPM_PACKAGE + "@" + version + " into " + versionDir
                            + " (set CHDB_LIB to an existing libchdb.so, or make npm and the npm registry reachable): "
                            + e.getMessage(),
                    e);
        }
    }

    /** npm pack into a scratch directory, untar libchdb.so, then move it into place atomically. */
    private static void download(Path versionDir, String version) throws IOException {
        Path work = Files.createTempDirectory(versionDir, "fetch-");
        try {
            run(work, List.of("npm", "pack", "--silent", NPM_PACKAGE + "@" + version));
            Path tarball;
            try (Stream<Path> files = Files.list(work)) {
                tarball = files.filter(p -> p.toString().endsWith(".tgz"))
                        .findFirst()
                        .orElseThrow(() -> new IOException("npm pack produced no .tgz"));
            }
            run(work, List.of("tar", "-xzf", tarball.getFileName().toString(), "package/" + LIBRARY_FILE));
            Files.move(
                    work.resolve("package").resolve(LIBRARY_FILE),
                    versionDir.resolve(LIBRARY_FILE),
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + exit + ": " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + command, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
