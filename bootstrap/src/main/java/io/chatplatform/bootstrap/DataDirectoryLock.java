package io.chatplatform.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's claim on its data directory: an exclusive lock on
 * {@code CHAT_DATA_DIR/service.lock}, held for as long as the service runs. The operating system
 * drops the lock when the process ends, however it ends (SIGKILL and the OOM killer included).
 * So while a service holds it, a second one is refused at once; and a service that gets it knows
 * that whatever still runs from the directory (its PostgreSQL) was left behind by a crash.
 *
 * <p>The lock also makes the directory owner-only (0700), and it refuses a directory in use by a
 * service of an earlier version, which locked only zonky's {@code postgres/epg-lock}.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "service.lock";

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryLock.class);
    /** zonky's lock file in the PostgreSQL data directory, held by its EmbeddedPostgres while it lives. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    /**
     * Directories locked by this JVM. Checked before the lock file is opened: on POSIX systems,
     * closing any channel of a file drops every lock this process holds on it, so a second start
     * in the same JVM must never open the file it would be refused.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;

    private DataDirectoryLock(Path directory, FileChannel channel) {
        this.directory = directory;
        this.channel = channel;
    }

    /**
     * Locks {@code dataDir}, creating it (owner-only) when missing.
     *
     * @throws IllegalStateException naming CHAT_DATA_DIR when another service uses the directory
     */
    static DataDirectoryLock acquire(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        Path file = directory.resolve(FILE_NAME);
        Path key;
        try {
            OwnerOnly.directory(directory);
            key = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create or restrict CHAT_DATA_DIR " + directory, e);
        }
        if (!HELD_HERE.add(key)) {
            throw inUse(directory, "this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    OwnerOnly.fileAttributes());
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(directory, holder(channel));
            }
            refuseEarlierVersion(directory);
            // for the message a refused second service prints
            channel.truncate(0).write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new DataDirectoryLock(key, channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(key);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not lock CHAT_DATA_DIR " + directory + " (" + file + ")", io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The data directory, absolute. */
    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        closeQuietly(channel); // closing the channel releases the lock
        HELD_HERE.remove(directory);
    }

    private static void refuseEarlierVersion(Path directory) throws IOException {
        Path zonkyLock = directory.resolve("postgres").resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(zonkyLock)) {
            return;
        }
        // this JVM holds no lock on it (HELD_HERE): opening and closing it here releases nobody's
        try (FileChannel channel = FileChannel.open(zonkyLock, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(directory, "a service of an earlier version, holding " + zonkyLock);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(directory, "this process");
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return pid.matches("[0-9]+") ? "pid " + pid : "another process";
        } catch (IOException e) {
            return "another process"; // Windows: the holder's lock also bars reading
        }
    }

    private static IllegalStateException inUse(Path directory, String holder) {
        return new IllegalStateException("CHAT_DATA_DIR " + directory + " is in use by another Chat Platform service ("
                + holder + "); stop that one first, or give this one a CHAT_DATA_DIR of its own");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("could not close {}", FILE_NAME, e);
        }
    }
}
