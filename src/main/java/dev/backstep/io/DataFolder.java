package dev.backstep.io;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where the data files a network file names are looked for: beside the network file on disk, or among the bundled
 * samples. An absolute path is taken as it is; a name starting with {@code bundled:} is always a bundled file.
 */
public final class DataFolder {
    /** The folder of the bundled samples (inside the application). */
    public static final DataFolder BUNDLED = new DataFolder(null);

    private final Path folder;

    private DataFolder(Path folder) {
        this.folder = folder;
    }

    /** The folder of the network file at {@code networkFile}. */
    public static DataFolder besides(Path networkFile) {
        Path parent = networkFile.toAbsolutePath().getParent();
        return new DataFolder(parent == null ? Path.of("").toAbsolutePath() : parent);
    }

    /** The folder of a network file named {@code label}, or the working directory when the label is no path. */
    public static DataFolder besides(String label) {
        try {
            return besides(Path.of(label));
        } catch (InvalidPathException e) {
            return new DataFolder(Path.of("").toAbsolutePath());
        }
    }

    /** The data file called {@code name} in the network file. */
    public DataLocation resolve(String name) {
        if (name.startsWith(DataLocation.BUNDLED_PREFIX)) {
            return DataLocation.bundled(name.substring(DataLocation.BUNDLED_PREFIX.length()));
        }
        Path path = Path.of(name);
        if (path.isAbsolute()) {
            return new DataLocation(name, path);
        }
        return folder == null ? DataLocation.bundled(name) : new DataLocation(name, folder.resolve(path).normalize());
    }
}
