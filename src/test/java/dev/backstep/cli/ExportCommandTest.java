package dev.backstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {
    private static int run(String... args) {
        return Cli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void lossesNetworkAndTraceAreWrittenAsATwinTrainerComputesThem(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("loss.csv");
        Path json = dir.resolve("net.json");
        Path trace = dir.resolve("trace.json");
        assertEquals(0, run("export", "circle", "--epochs", "7", "--losses", csv.toString(), "--network",
                json.toString(), "--trace", trace.toString(), "--format", "json"));
        Trainer twin = SampleNetworks.load("circle").newTrainer();
        twin.runEpochs(7);

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("epoch,train_loss,test_loss", lines.get(0));
        assertEquals(8, lines.size());
        for (int e = 1; e <= 7; e++) {
            String[] cells = lines.get(e).split(",");
            assertEquals(e, Integer.parseInt(cells[0]));
            assertEquals(twin.trainLoss().get(e - 1), Double.parseDouble(cells[1]));
            assertEquals(twin.testLoss().get(e - 1), Double.parseDouble(cells[2]));
        }

        NetworkDefinition written = NetworkReader.read(json);
        assertTrue(written.newNetwork().sameParameters(twin.network()));

        JsonNode terms = new ObjectMapper().readTree(trace.toFile());
        int expected = dev.backstep.trace.StepTrace.ofNextStep(twin, written.labels(), written.notation()).size();
        assertEquals(expected, terms.size(), "every term of the step after epoch 7");
    }

    @Test
    void withoutAnythingToExportItIsAUsageError() {
        assertEquals(2, run("export", "xor-2-4-1"));
        assertEquals(2, run("export", "xor-2-4-1", "--trace", "x", "--format", "pdf"));
    }

    @Test
    void aFailedWriteLeavesNoFile(@TempDir Path dir) {
        Path missing = dir.resolve("no/such/dir/loss.csv");
        assertEquals(1, run("export", "xor-2-4-1", "--epochs", "2", "--losses", missing.toString()));
        assertTrue(!Files.exists(missing));
    }
}
