package dev.backstep.bench;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Batching;
import dev.backstep.engine.BiasInit;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SGD step of a 784-128(relu)-64(relu)-10(softmax, cross-entropy) network on a shuffled mini-batch of 128 of 4096
 * synthetic samples, through {@link Trainer#step}: forward, loss, backward, update. The score is samples per second
 * (one invocation counts as 128 operations), as {@code backstep bench} reports it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MlpStepBenchmark {
    static final int SAMPLES = 4096;
    static final int BATCH = 128;

    private Trainer trainer;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        Matrix inputs = new Matrix(SAMPLES, 784);
        double[] x = inputs.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        Matrix targets = new Matrix(SAMPLES, 10);
        for (int r = 0; r < SAMPLES; r++) {
            targets.set(r, random.nextInt(10), 1.0);
        }
        Network network = new Network(new int[]{784, 128, 64, 10},
                new Activation[]{Activation.RELU, Activation.RELU, Activation.SOFTMAX},
                new boolean[]{true, true, true}, Loss.CROSS_ENTROPY, Reduction.MEAN);
        network.initialize(new InitSettings(Initializer.HE_UNIFORM, BiasInit.ZEROS, 7));
        trainer = new Trainer(network, new Dataset(inputs, targets), null,
                new TrainingSettings(Batching.of(BATCH), true, 1, 7), OptimizerSettings.sgd(0.01));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double step() {
        return trainer.step();
    }
}
