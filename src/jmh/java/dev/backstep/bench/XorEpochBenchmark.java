package dev.backstep.bench;

import dev.backstep.engine.Activation;
import dev.backstep.engine.BiasInit;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.InitSettings;
import dev.backstep.engine.Initializer;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full-batch epoch of XOR 2-4-1 (sigmoid hidden and output units with biases, half squared error, SGD at
 * learning rate 0.5) through the general {@link Trainer#runEpochs}. The score is epochs per second. A fresh trainer
 * per iteration keeps the loss history (one double per epoch) from growing across the whole run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class XorEpochBenchmark {
    private Trainer trainer;

    @Setup(Level.Iteration)
    public void setUp() {
        Matrix inputs = Matrix.of(new double[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Matrix targets = Matrix.of(new double[][]{{0}, {1}, {1}, {0}});
        Network network = new Network(new int[]{2, 4, 1}, new Activation[]{Activation.SIGMOID, Activation.SIGMOID},
                new boolean[]{true, true}, Loss.HALF_SQUARED_ERROR, Reduction.MEAN);
        network.initialize(new InitSettings(Initializer.XAVIER_UNIFORM, BiasInit.ZEROS, 3));
        trainer = new Trainer(network, new Dataset(inputs, targets), null,
                new TrainingSettings(Batching.full(), false, 1, 1), OptimizerSettings.sgd(0.5));
    }

    @Benchmark
    public long epoch() {
        trainer.runEpochs(1);
        return trainer.epoch();
    }
}
