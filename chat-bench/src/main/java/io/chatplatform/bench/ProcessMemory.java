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

    /** The {@code VmRSS:   123456 kB} line in bytes, or null. */
    static Long parseVmRss(List<String> status) {
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                String unit = parts.length > 1 ? parts[1] : "kB";
                return switch (unit) {
                    case "kB" -> value * 1024;
                    case "mB", "MB" -> value * 1024 * 1024;
                    default -> value;
                };
            }
        }
        return null;
    }
}
