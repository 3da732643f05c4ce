package dev.backstep.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (gzipped or not): a 4-byte magic number {@code 00 00 08 n}
 * (unsigned bytes, n dimensions), n big-endian 32-bit sizes, then the bytes in row-major order. Errors name the file
 * and the byte offset (in the unpacked bytes when the file is gzipped) and say what was expected.
 */
public final class IdxReader {
    /** The type code of unsigned bytes, the only element type MNIST-format data sets use. */
    static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /**
     * The contents of an IDX file of unsigned bytes, or of its first items.
     *
     * @param dimensions  the dimensions of what was read: the first is the number of items read
     * @param itemsInFile the number of items the file's header announces
     */
    public record IdxArray(String file, int[] dimensions, byte[] data, int itemsInFile) {
        /** The number of items read: the first dimension. */
        public int count() {
            return dimensions[0];
        }

        /** The number of bytes per item: the product of the other dimensions. */
        public int itemSize() {
            int size = 1;
            for (int d = 1; d < dimensions.length; d++) {
                size *= dimensions[d];
            }
            return size;
        }
    }

    /**
     * Reads an IDX file that must have {@code dimensions} dimensions (3 for images, 1 for labels).
     *
     * @param what what the file should hold, for messages: "images × rows × columns"
     */
    public static IdxArray read(DataLocation location, int dimensions, String what) throws NetworkFileException {
        return read(location, dimensions, what, Integer.MAX_VALUE);
    }

    /**
     * Reads the header and the first {@code maxItems} items of an IDX file; the array's first dimension is the
     * number of items read. The rest of the file is not read (so a slice of a large set loads quickly), and then not
     * checked either.
     */
    public static IdxArray read(DataLocation location, int dimensions, String what, int maxItems)
            throws NetworkFileException {
        String file = location.label();
        try (InputStream in = location.open()) {
            byte[] magic = readHeader(in, file, 0, 4, "the 4-byte magic number");
            int expectedMagic = UNSIGNED_BYTE << 8 | dimensions;
            int actualMagic = bigEndian(magic, 0);
            if (actualMagic != expectedMagic) {
                throw new NetworkFileException(file, "byte offset 0", String.format(Locale.ROOT,
                        "magic number 0x%08X, expected 0x%08X (an IDX file of unsigned bytes with %d %s: %s)",
                        actualMagic, expectedMagic, dimensions, dimensions == 1 ? "dimension" : "dimensions", what)
                        + describeMagic(actualMagic));
            }
            byte[] sizes = readHeader(in, file, 4, 4 * dimensions, dimensions + " dimension sizes of 4 bytes each");
            int[] dims = new int[dimensions];
            long total = 1;
            for (int d = 0; d < dimensions; d++) {
                dims[d] = bigEndian(sizes, 4 * d);
                if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                    throw new NetworkFileException(file, "byte offset " + (4 + 4 * d), "dimension " + d + " is "
                            + dims[d] + ", expected a positive size");
                }
                total *= dims[d];
            }
            int headerSize = 4 + 4 * dimensions;
            boolean partial = maxItems < dims[0];
            if (partial) {
                total = total / dims[0] * maxItems;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new NetworkFileException(file, "byte offset 4", "the dimensions " + shape(dims) + " hold "
                        + total + " bytes, more than Backstep can load (expected at most " + (Integer.MAX_VALUE - 8)
                        + ")");
            }
            byte[] data = new byte[(int) total];
            int read = readFully(in, data);
            if (read < data.length) {
                throw new NetworkFileException(file, "byte offset " + (headerSize + read), "the file is truncated: "
                        + "it ends after " + read + " of the " + total + " data bytes that the header's dimensions "
                        + shape(dims) + " promise (expected " + (headerSize + total) + " bytes in all)");
            }
            if (partial) {
                int[] slice = dims.clone();
                slice[0] = maxItems;
                return new IdxArray(file, slice, data, dims[0]);
            }
            if (in.read() != -1) {
                throw new NetworkFileException(file, "byte offset " + (headerSize + total), "more bytes follow the "
                        + total + " data bytes of dimensions " + shape(dims) + " (expected the file to end here)");
            }
            return new IdxArray(file, dims, data, dims[0]);
        } catch (NoSuchFileException e) {
            throw new NetworkFileException(file, "", "no such file");
        } catch (EOFException e) {
            throw new NetworkFileException(file, "", "the file is truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new NetworkFileException(file, "", "cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads until {@code data} is full or the input ends, and returns the number of bytes read. A gzip stream cut off
     * in the middle ends with an EOFException rather than −1; it counts as the end, so the message can say where.
     */
    private static int readFully(InputStream in, byte[] data) throws IOException {
        int read = 0;
        try {
            while (read < data.length) {
                int n = in.read(data, read, data.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (EOFException cutOff) {
            return read;
        }
        return read;
    }

    private static byte[] readHeader(InputStream in, String file, int offset, int length, String what)
            throws IOException, NetworkFileException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new NetworkFileException(file, "byte offset " + (offset + bytes.length), "the file is truncated:"
                    + " it ends inside the header, expected " + what);
        }
        return bytes;
    }

    private static String describeMagic(int magic) {
        if ((magic >>> 16) != 0) {
            return "; this is not an IDX file";
        }
        int type = (magic >>> 8) & 0xff;
        if (type != UNSIGNED_BYTE) {
            return String.format(Locale.ROOT, "; element type 0x%02X is not supported, only unsigned bytes (0x08)",
                    type);
        }
        return "; the file has " + (magic & 0xff) + " dimensions";
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    /** "60000 × 28 × 28". */
    static String shape(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            s.append(d == 0 ? "" : " × ").append(dims[d]);
        }
        return s.toString();
    }
}
