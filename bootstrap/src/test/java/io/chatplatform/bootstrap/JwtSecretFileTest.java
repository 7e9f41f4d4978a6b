package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretFileTest {

    @Test
    @DisplayName("the generated secret is made once, kept private, and read back on the next start")
    void generated_once(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        String first = JwtSecretFile.loadOrCreate(dataDir);
        assertThat(first.length()).isGreaterThanOrEqualTo(32);
        assertThat(JwtSecretFile.loadOrCreate(dataDir)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(JwtSecretFile.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    @DisplayName("a secret file that was shortened by hand is refused")
    void short_secret(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(JwtSecretFile.FILE_NAME), "too-short");
        assertThatThrownBy(() -> JwtSecretFile.loadOrCreate(dir)).hasMessageContaining("shorter than 32 bytes");
    }
}
