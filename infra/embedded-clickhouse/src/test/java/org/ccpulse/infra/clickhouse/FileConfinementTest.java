package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfinementTest {

    @TempDir
    Path dir;

    @Test
    void readsTheJarsAManifestOnlyJarNames() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes()
                .put(
                        Attributes.Name.CLASS_PATH,
                        "lib/a.jar " + lib.resolve("b c.jar").toUri());
        Path booter = dir.resolve("booter.jar");
        try (OutputStream out = Files.newOutputStream(booter);
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }

        assertThat(FileConfinement.manifestClassPath(booter))
                .containsExactly(lib.resolve("a.jar"), lib.resolve("b c.jar"));
        assertThat(FileConfinement.manifestClassPath(lib)).isEmpty();
    }

    @Test
    void readPathsAreTheGivenAndTheSystemOnesThatExist() {
        assertThat(FileConfinement.readPaths(List.of(dir, dir.resolve("missing"))))
                .contains(dir, Path.of("/proc/self/stat"))
                .doesNotContain(dir.resolve("missing"), Path.of("/etc/passwd"), Path.of("/etc"));
    }
}
