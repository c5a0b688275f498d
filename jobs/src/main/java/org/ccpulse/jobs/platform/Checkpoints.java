package org.ccpulse.jobs.platform;

import java.io.IOException;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The checkpoints a run keeps in its checkpoint directory. Flink writes each one to
 * {@code <directory>/<job id>/chk-<n>/} and its {@code _metadata} file last, so a checkpoint without
 * that file was never completed. Retained checkpoints survive a cancel and a crash of the process;
 * the next run resumes from the newest complete one.
 */
public final class Checkpoints {

    private static final String METADATA = "_metadata";

    private Checkpoints() {}

    /** The newest completed checkpoint under {@code directory} (any file system Flink knows), if any. */
    public static Optional<String> latest(String directory) throws IOException {
        Path root = new Path(directory);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return Optional.empty();
        }
        Path newest = null;
        long newestTime = Long.MIN_VALUE;
        for (FileStatus job : list(fs, root)) {
            if (!job.isDir()) {
                continue;
            }
            for (FileStatus checkpoint : list(fs, job.getPath())) {
                Path metadata = new Path(checkpoint.getPath(), METADATA);
                if (checkpoint.isDir() && checkpoint.getPath().getName().startsWith("chk-") && fs.exists(metadata)) {
                    long time = fs.getFileStatus(metadata).getModificationTime();
                    if (newest == null || time > newestTime) {
                        newest = checkpoint.getPath();
                        newestTime = time;
                    }
                }
            }
        }
        return Optional.ofNullable(newest).map(Path::toString);
    }

    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] entries = fs.listStatus(dir);
        return entries == null ? new FileStatus[0] : entries;
    }
}
