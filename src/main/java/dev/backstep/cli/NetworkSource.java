package dev.backstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstep.io.DataFolder;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkFileException;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Loads the FILE argument of a command: a path, or the name of a bundled sample when no such file exists. */
final class NetworkSource {
    private NetworkSource() {
    }

    static NetworkDefinition load(String argument, OptionalLong seed) throws NetworkFileException {
        Path path = Path.of(argument);
        String label = argument;
        byte[] bytes;
        DataFolder dataFolder;
        if (!Files.exists(path) && SampleNetworks.exists(stripJson(argument))) {
            label = stripJson(argument) + ".json";
            bytes = SampleNetworks.bytes(stripJson(argument));
            dataFolder = DataFolder.BUNDLED;
        } else {
            bytes = NetworkReader.readBytes(path);
            dataFolder = DataFolder.besides(path);
        }
        JsonNode tree = NetworkReader.readTree(label, NetworkReader.decode(label, bytes));
        if (seed.isPresent()) {
            NetworkReader.overrideSeeds(tree, seed.getAsLong());
        }
        return NetworkReader.parseTree(label, tree, dataFolder);
    }

    private static String stripJson(String name) {
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }
}
