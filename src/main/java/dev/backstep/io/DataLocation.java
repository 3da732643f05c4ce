package dev.backstep.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A data file a network file names: a file on disk, or one bundled with the samples inside the application.
 *
 * @param name the name as the network file gives it, e.g. {@code iris.csv}
 * @param path where it is on disk, or null for a bundled file
 */
public record DataLocation(String name, Path path) {
    /** How a network file names a data file bundled with the samples, e.g. {@code bundled:iris.csv}. */
    public static final String BUNDLED_PREFIX = "bundled:";
    private static final String BUNDLED_FOLDER = "/sample-networks/";
    private static final int BUFFER = 1 << 16;

    /** A file bundled with the samples. */
    public static DataLocation bundled(String name) {
        return new DataLocation(name, null);
    }

    /** How errors name the file: its path, or "bundled:NAME". */
    public String label() {
        return path == null ? BUNDLED_PREFIX + name : path.toString();
    }

    public boolean exists() {
        return path == null ? DataLocation.class.getResource(BUNDLED_FOLDER + name) != null : Files.isRegularFile(path);
    }

    /**
     * The file's bytes as a stream, unpacked when they are gzipped (recognised by the gzip magic bytes, not by the
     * name, so a renamed file still reads).
     *
     * @throws NoSuchFileException when there is no such file
     */
    public InputStream open() throws IOException {
        InputStream raw;
        if (path == null) {
            raw = DataLocation.class.getResourceAsStream(BUNDLED_FOLDER + name);
            if (raw == null) {
                throw new NoSuchFileException(label());
            }
        } else {
            raw = Files.newInputStream(path);
        }
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, BUFFER) : in;
    }

    /**
     * The name to write into a network file saved in {@code folder} (null when the file's place is unknown): a
     * bundled file keeps its {@code bundled:} name, a file in that folder or below is written relative to it so the two
     * can move together, any other file with its absolute path.
     */
    public String nameFor(Path folder) {
        if (path == null) {
            return BUNDLED_PREFIX + name;
        }
        Path absolute = path.toAbsolutePath().normalize();
        if (folder != null) {
            Path base = folder.toAbsolutePath().normalize();
            if (absolute.startsWith(base)) {
                return base.relativize(absolute).toString().replace('\\', '/');
            }
        }
        return absolute.toString();
    }
}
