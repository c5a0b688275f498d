package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConfigTest {

    @TempDir
    Path dir;

    @Test
    void writesOwnerOnlyConfigPointingAtTheUsersFile() throws Exception {
        Path config = EngineConfig.write(dir.resolve("data"), "default");

        Path users = config.resolveSibling("users.xml");
        assertThat(config.getParent()).isEqualTo(dir.resolve("data").resolve(EngineConfig.DIRECTORY));
        assertThat(Files.readString(config)).contains("<users_config>" + users + "</users_config>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users)))
                .isEqualTo("rw-------");
    }

    @Test
    void theReadOnlyRoleReadsItsDatabaseAndTheFullRoleReachesNoSource() {
        String users = EngineConfig.usersXml("dash");

        assertThat(users)
                .contains("<ccpulse_read_only>")
                .contains("<query>GRANT SELECT ON `dash`.*</query>")
                .contains("<query>GRANT " + EngineConfig.FULL_GRANTS + " ON *.*</query>")
                .contains("<query>GRANT ccpulse_full, ccpulse_read_only</query>")
                .contains("<implicit_select>0</implicit_select>")
                .contains("<format_template_row><const/></format_template_row>")
                .contains("<additional_result_filter><const/></additional_result_filter>");
        assertThat(EngineConfig.FULL_GRANTS)
                .doesNotContain("FILE", "URL", "REMOTE", "SOURCES", "DICTIONARY", "SYSTEM", "BACKUP", "ALL");
    }

    @Test
    void aDatabaseNameCannotEndTheGrantOrTheXmlEarly() {
        assertThat(EngineConfig.usersXml("a`b</query><x>"))
                .contains("<query>GRANT SELECT ON `a\\`b&lt;/query&gt;&lt;x&gt;`.*</query>");
    }
}
