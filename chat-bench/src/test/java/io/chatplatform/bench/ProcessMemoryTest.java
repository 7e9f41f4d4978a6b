package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsVmRssInBytes() {
        assertThat(ProcessMemory.parseVmRss(List.of("Name:\tjava", "VmPeak:\t 999 kB", "VmRSS:\t  307200 kB", "Threads: 9")))
                .isEqualTo(307200L * 1024);
        assertThat(ProcessMemory.parseVmRss(List.of("Name:\tjava"))).isNull();
    }

    @Test
    void readsThisProcess() {
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertThat(ProcessMemory.rss(ProcessHandle.current().pid())).isPositive();
        }
        assertThat(ProcessMemory.rss(Long.MAX_VALUE)).isNull();
    }
}
