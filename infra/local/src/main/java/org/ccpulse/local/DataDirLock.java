package org.ccpulse.local;

import java.io.IOException;
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

/**
 * One run per data directory: an operating-system lock ({@link FileChannel#tryLock()}) on
 * {@code <data-dir>/run.lock}, held for the run's life and released by {@link #close()} or, if the process dies,
 * by the operating system. The file holds the holder's process id, for the message a second run prints; it is
 * left in place (deleting it would let two runs lock two different files of the same name).
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "run.lock";

    /**
     * Lock files this JVM holds. A second lock attempt from this JVM is refused here, without opening the file
     * again: the operating system's locks belong to the process, and closing another channel on the same file
     * could release the one held.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    /** Channels that must not be closed, see {@link #acquire}. */
    private static final Set<FileChannel> KEPT_OPEN = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it; refused if another run (any process) holds it. */
    static DataDirLock acquire(Path dataDir) throws StartRefused, IOException {
        Path dir = Files.createDirectories(dataDir.toAbsolutePath().normalize()).toRealPath();
        Path file = dir.resolve(FILE_NAME);
        if (!HELD_HERE.add(file)) {
            throw inUse(dir, "in this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisJvm) {
                // Locked in this JVM, not through this class. Closing our channel would release that lock in the
                // operating system (its locks belong to the process, and any close of the file drops them), so the
                // channel stays open.
                KEPT_OPEN.add(channel);
                FileChannel kept = channel;
                channel = null;
                throw inUse(dir, holder(kept));
            }
            if (lock == null) {
                throw inUse(dir, holder(channel));
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.truncate(pid.length);
            channel.force(false);
            return new DataDirLock(file, channel, lock);
        } catch (StartRefused | IOException | RuntimeException e) {
            HELD_HERE.remove(file);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
    }

    private static StartRefused inUse(Path dir, String holder) {
        return new StartRefused("data directory " + dir + " is in use by another run (" + holder
                + "); stop that run first, or give this one another --data-dir");
    }

    /** "pid N" as the holder wrote it, or "pid unknown". */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d+") ? "pid " + pid : "pid unknown";
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    Path file() {
        return file;
    }

    /** Releases the lock; the file stays. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
