package dev.backstep.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sample networks bundled in the jar (copied from {@code sample-networks/} at build time), by name. The list is
 * {@code sample-networks/index.txt}; a test keeps it equal to the folder.
 */
public final class SampleNetworks {
    public static final String DEFAULT = "xor-2-4-1";
    private static final String FOLDER = "/sample-networks/";

    private SampleNetworks() {
    }

    /** Names of the bundled samples in menu order, without ".json". */
    public static List<String> names() {
        try (InputStream in = SampleNetworks.class.getResourceAsStream(FOLDER + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static boolean exists(String name) {
        return SampleNetworks.class.getResource(FOLDER + name + ".json") != null;
    }

    /** The bundled sample's bytes. */
    public static byte[] bytes(String name) throws NetworkFileException {
        try (InputStream in = SampleNetworks.class.getResourceAsStream(FOLDER + name + ".json")) {
            if (in == null) {
                throw new NetworkFileException(name, "", "no bundled sample of that name (expected one of "
                        + String.join(", ", names()) + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new NetworkFileException(name, "", "cannot be read from the application (" + e.getMessage() + ")");
        }
    }

    /** The bundled sample, validated. */
    public static NetworkDefinition load(String name) throws NetworkFileException {
        String label = name + ".json";
        return NetworkReader.parseTree(label, NetworkReader.readTree(label, NetworkReader.decode(label, bytes(name))),
                DataFolder.BUNDLED);
    }
}
