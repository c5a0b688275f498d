package org.ccpulse.infra.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Confines the server process's own file access with Linux Landlock: from the call on, this thread
 * and every thread it starts (the engine's threads included, so the call must come before the engine
 * starts) may write only in the data directory, and read only the data directory, the Java runtime,
 * the class path, the chDB library and the few system files the JVM and the engine read (shared
 * libraries, locales, time zones, /proc and /sys entries of this process); from Landlock ABI 4 on,
 * outgoing TCP connections are refused too.
 *
 * <p>It is what ClickHouse's {@code user_files_path} would do on a server, for every way the engine
 * can reach a file: chDB runs in clickhouse-local mode, where the function {@code file()}, the
 * {@code Values} format's expressions, {@code INTO OUTFILE} and {@code FROM INFILE} check neither
 * grants nor paths. Landlock needs no privilege; where the kernel lacks it (before Linux 5.13, or
 * when a container's seccomp policy blocks it) the server starts unconfined and says so.
 */
final class FileConfinement {

    /** The libc calls used here. */
    interface LibC extends Library {
        long syscall(long number, Object... args);

        int prctl(int option, long arg2, long arg3, long arg4, long arg5);

        int open(String path, int flags);

        int close(int fd);
    }

    // x86-64 system call numbers (the only platform the chDB library ships for)
    private static final long SYS_LANDLOCK_CREATE_RULESET = 444;
    private static final long SYS_LANDLOCK_ADD_RULE = 445;
    private static final long SYS_LANDLOCK_RESTRICT_SELF = 446;
    private static final int LANDLOCK_CREATE_RULESET_VERSION = 1;
    private static final int LANDLOCK_RULE_PATH_BENEATH = 1;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;

    private static final long EXECUTE = 1;
    private static final long WRITE_FILE = 1 << 1;
    private static final long READ_FILE = 1 << 2;
    private static final long READ_DIR = 1 << 3;
    private static final long TRUNCATE = 1 << 14; // ABI 3
    private static final long IOCTL_DEV = 1 << 15; // ABI 5
    /** The rights that apply to a file rather than a directory. */
    private static final long FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV;

    private static final long NET_CONNECT_TCP = 1 << 1; // ABI 4

    /** What the JVM and the engine read besides the data directory, the runtime, the class path and the library. */
    static final List<String> SYSTEM_READS = List.of(
            "/usr",
            "/lib",
            "/lib64",
            "/etc/ld.so.cache",
            "/etc/localtime",
            "/etc/timezone",
            "/sys",
            "/dev/null",
            "/dev/zero",
            "/dev/random",
            "/dev/urandom",
            "/proc/stat",
            "/proc/meminfo",
            "/proc/cpuinfo",
            "/proc/loadavg",
            "/proc/sys",
            "/proc/pressure",
            "/proc/self/task",
            "/proc/self/stat",
            "/proc/self/statm",
            "/proc/self/status",
            "/proc/self/io",
            "/proc/self/schedstat",
            "/proc/self/limits",
            "/proc/self/loginuid",
            "/proc/self/coredump_filter",
            "/proc/self/cgroup",
            "/proc/self/mountinfo",
            "/proc/self/maps");

    /** The outcome, for the log. */
    record Result(boolean confined, String description) {}

    private FileConfinement() {}

    /**
     * Confines this process (this thread and the threads it starts from now on) to writing in
     * {@code dataDir} and reading there and in {@code readOnly} plus {@link #SYSTEM_READS}.
     */
    static Result confine(Path dataDir, List<Path> readOnly) {
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            return new Result(false, "libc not found: " + e.getMessage());
        }
        long abi = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, Pointer.NULL, 0L, LANDLOCK_CREATE_RULESET_VERSION);
        if (abi < 1) {
            return new Result(false, "Landlock is not available (errno " + Native.getLastError() + ")");
        }
        long handledFs =
                abi >= 5 ? (1L << 16) - 1 : abi >= 3 ? (1L << 15) - 1 : abi >= 2 ? (1L << 14) - 1 : (1L << 13) - 1;
        long handledNet = abi >= 4 ? NET_CONNECT_TCP : 0;
        Memory attributes = new Memory(16);
        attributes.setLong(0, handledFs);
        attributes.setLong(8, handledNet);
        long ruleset = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, attributes, abi >= 4 ? 16L : 8L, 0);
        if (ruleset < 0) {
            return new Result(false, "landlock_create_ruleset failed (errno " + Native.getLastError() + ")");
        }
        try {
            List<String> problems = new ArrayList<>();
            allow(libc, ruleset, dataDir, handledFs & ~EXECUTE, problems);
            for (Path path : readPaths(readOnly)) {
                allow(libc, ruleset, path, READ_FILE | READ_DIR, problems);
            }
            if (!problems.isEmpty()) {
                return new Result(false, "cannot add Landlock rules: " + String.join("; ", problems));
            }
            if (libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
                return new Result(false, "prctl(PR_SET_NO_NEW_PRIVS) failed (errno " + Native.getLastError() + ")");
            }
            if (libc.syscall(SYS_LANDLOCK_RESTRICT_SELF, (int) ruleset, 0) != 0) {
                return new Result(false, "landlock_restrict_self failed (errno " + Native.getLastError() + ")");
            }
        } finally {
            libc.close((int) ruleset);
        }
        return new Result(
                true,
                "Landlock ABI " + abi + ": files written only in " + dataDir + ", read only there and in the runtime,"
                        + " class path, library and system files"
                        + (handledNet != 0 ? "; outgoing TCP connections refused" : ""));
    }

    /** The given paths and the system ones, those that exist, without repetition. */
    static Set<Path> readPaths(List<Path> readOnly) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Path path : readOnly) {
            paths.add(path.toAbsolutePath());
        }
        for (String path : SYSTEM_READS) {
            paths.add(Path.of(path));
        }
        paths.removeIf(path -> !Files.exists(path));
        return paths;
    }

    /**
     * The Java runtime and every class path entry, including those a jar's manifest adds (Maven's
     * test runners start JVMs with a manifest-only jar): what the JVM still loads classes from.
     */
    static List<Path> runtimePaths() {
        List<Path> paths = new ArrayList<>();
        paths.add(Path.of(System.getProperty("java.home")));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path path = Path.of(entry).toAbsolutePath();
                paths.add(path);
                paths.addAll(manifestClassPath(path));
            }
        }
        return paths;
    }

    /** The Class-Path entries of a jar's manifest that are local files. */
    static List<Path> manifestClassPath(Path jar) {
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return List.of();
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of();
            }
            List<Path> paths = new ArrayList<>();
            for (String entry : classPath.trim().split("\\s+")) {
                try {
                    URI uri = jar.getParent().toUri().resolve(entry);
                    if ("file".equals(uri.getScheme())) {
                        paths.add(Path.of(uri));
                    }
                } catch (IllegalArgumentException e) {
                    // not a usable URI: the JVM cannot use it either
                }
            }
            return paths;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void allow(LibC libc, long ruleset, Path path, long access, List<String> problems) {
        int fd = libc.open(path.toString(), O_PATH | O_CLOEXEC);
        if (fd < 0) {
            problems.add(path + ": open failed (errno " + Native.getLastError() + ")");
            return;
        }
        try {
            Memory rule = new Memory(12); // struct landlock_path_beneath_attr, packed: u64 allowed_access, s32 fd
            rule.setLong(0, Files.isDirectory(path) ? access : access & FILE_RIGHTS);
            rule.setInt(8, fd);
            if (libc.syscall(SYS_LANDLOCK_ADD_RULE, (int) ruleset, LANDLOCK_RULE_PATH_BENEATH, rule, 0) != 0) {
                problems.add(path + ": landlock_add_rule failed (errno " + Native.getLastError() + ")");
            }
        } finally {
            libc.close(fd);
        }
    }
}
