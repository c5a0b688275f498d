package org.ccpulse.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The passwords of the two ClickHouse users of a local run: the writer (job and migrator) and
 * Grafana's read-only user. Each comes from its environment variable when set; otherwise it is
 * generated once and kept in a file readable by its owner only, so later runs on the same data
 * directory (and a Grafana configured once) keep working.
 */
public record Credentials(
        String writerPassword, String grafanaPassword, Path file, boolean writerFromEnv, boolean grafanaFromEnv) {

    public static final String WRITER_ENV = "CCPULSE_WRITER_PASSWORD";
    public static final String GRAFANA_ENV = "CCPULSE_GRAFANA_PASSWORD";

    private static final String WRITER_KEY = "writer_password";
    private static final String GRAFANA_KEY = "grafana_password";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Passwords from {@code env}, else from {@code file}, else new ones from {@code random}, which are
     * then added to {@code file} (permissions 600). Values from the environment are never written. A
     * file found readable by others (copied, or made by hand) is made owner-only again before it is read.
     */
    public static Credentials loadOrCreate(Path file, Map<String, String> env, SecureRandom random) {
        restrictToOwner(file);
        Properties stored = read(file);
        Properties toStore = new Properties();
        toStore.putAll(stored);
        String writer = resolve(WRITER_ENV, WRITER_KEY, env, stored, toStore, random);
        String grafana = resolve(GRAFANA_ENV, GRAFANA_KEY, env, stored, toStore, random);
        if (!toStore.equals(stored)) { // a password was generated
            write(file, toStore);
        }
        return new Credentials(writer, grafana, file, present(env.get(WRITER_ENV)), present(env.get(GRAFANA_ENV)));
    }

    private static String resolve(
            String envName,
            String key,
            Map<String, String> env,
            Properties stored,
            Properties toStore,
            SecureRandom random) {
        String fromEnv = env.get(envName);
        if (present(fromEnv)) {
            if (fromEnv.contains(",")) {
                // the embedded server takes its users as name:password,name:password
                throw new IllegalArgumentException(envName + " must not contain a comma");
            }
            return fromEnv;
        }
        String password = stored.getProperty(key);
        if (!present(password)) {
            password = generate(random);
            toStore.setProperty(key, password);
        }
        return password;
    }

    /** 24 random bytes, URL-safe Base64: 32 characters, none of them special to a shell, URL or YAML. */
    static String generate(SecureRandom random) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Properties read(Path file) {
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read credentials file " + file, e);
            }
        }
        return props;
    }

    private static void restrictToOwner(Path file) {
        if (!Files.exists(file)
                || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make credentials file " + file + " readable by its owner only", e);
        }
    }

    private static void write(Path file, Properties props) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix && !Files.exists(file)) {
                // created owner-only, so the passwords are never readable by others, not even briefly
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(
                        out,
                        "ccpulse local run: ClickHouse passwords (writer: user ccpulse, grafana: read-only user grafana)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write credentials file " + file, e);
        }
    }

    /** Where the writer's password is, for the terminal; never the password itself. */
    public String writerPasswordHint() {
        return writerFromEnv ? "from " + WRITER_ENV : "stored in " + file;
    }

    /** Where Grafana's password is, for the terminal; never the password itself. */
    public String grafanaPasswordHint() {
        return grafanaFromEnv ? "from " + GRAFANA_ENV : "stored in " + file;
    }

    @Override
    public String toString() {
        return "Credentials[" + file + "]"; // never the passwords
    }
}
