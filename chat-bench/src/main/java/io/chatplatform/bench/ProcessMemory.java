package io.chatplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The resident memory (RSS) of a process on Linux, from {@code /proc/<pid>/status}. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Bytes resident, or null when the process or the file is not there. */
    public static Long rss(long pid) {
        try {
            return parseVmRss(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code VmRSS:   123456 kB} line (the kernel always writes kB) in bytes, or null. */
    static Long parseVmRss(List<String> status) {
        return status.stream().filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024).findFirst().orElse(null);
    }
}
