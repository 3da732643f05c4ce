package dev.backstep.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash or an error never leaves one half-written: a temporary file beside the target, then a
 * rename over it. The result has the POSIX permissions the target had, or for a new file those {@code Files.write}
 * would give it (the process's umask), so saving never makes a shared file private.
 */
public final class AtomicFiles {
    private static final Set<StandardOpenOption> CREATE_NEW = EnumSet.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code text} (UTF-8) atomically where the file system allows. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Set<PosixFilePermission> keep = posixPermissions(absolute);
        // Created with the target's permissions (the umask can only take some away), never more open than the
        // target even while it is being written; created and written in one open, so a read-only target works too.
        FileAttribute<?>[] attributes = keep == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(keep)};
        Path temporary = null;
        try {
            for (int attempt = 0; temporary == null; attempt++) {
                String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
                Path candidate = absolute.resolveSibling("." + absolute.getFileName() + "." + random + ".tmp");
                try (SeekableByteChannel out = Files.newByteChannel(candidate, CREATE_NEW, attributes)) {
                    temporary = candidate;
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= 100) {
                        throw e;
                    }
                }
            }
            if (keep != null) {
                Files.setPosixFilePermissions(temporary, keep); // what the umask took away
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** The target's POSIX permissions; null for a new file or a file system without them. */
    private static Set<PosixFilePermission> posixPermissions(Path target) throws IOException {
        if (!Files.exists(target)) {
            return null;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes().permissions();
    }
}
