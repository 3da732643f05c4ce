package dev.backstep.model.race;

import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Trainer;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.SampleNetworks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each racer must be exactly the engine's run with that optimizer alone: same parameters, bit for bit. */
class OptimizerRaceTest {
    private static List<OptimizerSettings> allOptimizers(NetworkDefinition definition) {
        List<OptimizerSettings> list = new ArrayList<>();
        for (OptimizerKind kind : OptimizerKind.values()) {
            list.add(RaceDefaults.settings(kind, definition.optimizer()));
        }
        return list;
    }

    /** The engine alone: a trainer over a fresh copy of the file's network with one optimizer. */
    private static Trainer alone(NetworkDefinition definition, OptimizerSettings settings, long epochs) {
        Trainer trainer = new Trainer(definition.newNetwork(), definition.trainingData().copy(), null,
                definition.training(), settings);
        trainer.runEpochs(epochs);
        return trainer;
    }

    private static double[] values(Network network) {
        List<Double> all = new ArrayList<>();
        network.parameters().forEach(p -> {
            for (double v : p.value()) {
                all.add(v);
            }
        });
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertRacersMatchTrainingAlone(String sample, long epochs) throws Exception {
        NetworkDefinition definition = SampleNetworks.load(sample);
        List<OptimizerSettings> optimizers = allOptimizers(definition);
        try (OptimizerRace race = new OptimizerRace(definition.newNetwork(), definition.trainingData(),
                definition.training(), optimizers, epochs)) {
            race.runEpochs(epochs);
            RaceStandings standings = race.standings();
            assertTrue(standings.finished());
            for (int i = 0; i < optimizers.size(); i++) {
                Trainer reference = alone(definition, optimizers.get(i), epochs);
                String who = sample + " " + optimizers.get(i).kind().id();
                assertArrayEquals(values(reference.network()), values(race.network(i)), who + " parameters");
                assertTrue(reference.network().sameParameters(race.network(i)), who);
                RaceStandings.Racer racer = standings.racers().get(i);
                assertEquals(epochs, racer.epochs(), who + " epochs");
                assertNull(racer.diverged(), who);
                for (int e = 0; e < epochs; e++) {
                    assertEquals(reference.trainLoss().get(e), racer.loss().get(e), 0.0, who + " loss of epoch " + e);
                }
                assertEquals(reference.trainLoss().last(), racer.finalLoss(), 0.0);
            }
        }
    }

    @Test
    void everyRacerOnXorEqualsTheEngineTrainingAloneBitForBit() throws Exception {
        assertRacersMatchTrainingAlone("xor-2-4-1", 400);
    }

    @Test
    void shuffledMiniBatchesGiveEveryRacerTheSameOrderAsTrainingAlone() throws Exception {
        assertRacersMatchTrainingAlone("circle", 12);
    }

    @Test
    void theRaceThreadReachesTheSameParametersAsSteppingOnTheCaller() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("xor-2-3-1");
        List<OptimizerSettings> optimizers = allOptimizers(definition);
        try (OptimizerRace threaded = new OptimizerRace(definition.newNetwork(), definition.trainingData(),
                definition.training(), optimizers, 300);
             OptimizerRace direct = new OptimizerRace(definition.newNetwork(), definition.trainingData(),
                     definition.training(), optimizers, 300)) {
            threaded.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!threaded.standings().finished() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(threaded.standings().finished(), "the race ended");
            direct.runEpochs(1000);
            assertEquals(300, direct.standings().racers().get(0).epochs(), "runEpochs stops at the target");
            for (int i = 0; i < optimizers.size(); i++) {
                assertTrue(direct.network(i).sameParameters(threaded.network(i)), optimizers.get(i).kind().id());
            }
        }
    }

    @Test
    void aDivergingRacerStopsWithAReasonWhileTheOthersFinish() throws Exception {
        // A linear output: an enormous step makes the next squared error overflow.
        NetworkDefinition definition = SampleNetworks.load("scalar-1-1-1");
        List<OptimizerSettings> optimizers = List.of(OptimizerSettings.sgd(1e200),
                OptimizerSettings.defaults(OptimizerKind.ADAM).withLearningRate(0.01));
        try (OptimizerRace race = new OptimizerRace(definition.newNetwork(), definition.trainingData(),
                definition.training(), optimizers, 50)) {
            race.runEpochs(50);
            RaceStandings.Racer wild = race.standings().racers().get(0);
            RaceStandings.Racer calm = race.standings().racers().get(1);
            assertNotNull(wild.diverged());
            assertTrue(wild.diverged().contains("diverged"), wild.diverged());
            assertTrue(wild.epochs() < 50);
            assertEquals(50, calm.epochs());
            assertTrue(race.standings().finished());
            assertFalse(race.standings().running());
        }
    }

    @Test
    void momentumStartsWithTheLongRunStepOfTheFilesPlainSgd() throws Exception {
        OptimizerSettings file = OptimizerSettings.sgd(0.03);
        OptimizerSettings momentum = RaceDefaults.settings(OptimizerKind.MOMENTUM, file);
        assertEquals(0.03, momentum.learningRate() / (1 - momentum.momentum()), 1e-12 * 0.03);
        assertEquals(0.2, RaceDefaults.settings(OptimizerKind.NESTEROV, OptimizerSettings.sgd(2)).learningRate(),
                0.0, "xor's η = 2 gives a round 0.2");
        assertEquals(0.03, RaceDefaults.settings(OptimizerKind.SGD, file).learningRate(), 0.0);
        OptimizerSettings adamFile = OptimizerSettings.defaults(OptimizerKind.ADAM).withLearningRate(0.005);
        assertEquals(0.005, RaceDefaults.settings(OptimizerKind.ADAM, adamFile).learningRate(), 0.0);
        assertEquals(RaceDefaults.learningRate(OptimizerKind.NESTEROV),
                RaceDefaults.settings(OptimizerKind.NESTEROV, adamFile).learningRate(), 0.0);
    }

    @Test
    void theBestLossIsTheSmallestOfTheCurve() throws Exception {
        NetworkDefinition definition = SampleNetworks.load("xor-2-2-1");
        try (OptimizerRace race = new OptimizerRace(definition.newNetwork(), definition.trainingData(),
                definition.training(), allOptimizers(definition), 200)) {
            race.runEpochs(200);
            for (RaceStandings.Racer racer : race.standings().racers()) {
                double min = Double.POSITIVE_INFINITY;
                for (int e = 0; e < racer.epochs(); e++) {
                    min = Math.min(min, racer.loss().get(e));
                }
                assertEquals(min, racer.bestLoss(), 0.0, racer.settings().kind().id());
            }
        }
    }
}
