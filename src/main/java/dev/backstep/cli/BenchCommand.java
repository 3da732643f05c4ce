package dev.backstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstep.engine.Activation;
import dev.backstep.engine.BiasInit;
import dev.backstep.engine.Batching;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.InitSettings;
import dev.backstep.engine.Initializer;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.MatrixMultiply;
import dev.backstep.engine.Network;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.engine.Trainer;
import dev.backstep.engine.TrainingSettings;
import dev.backstep.io.DataFolder;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.io.NetworkFileException;
import dev.backstep.io.NetworkReader;
import dev.backstep.io.SampleNetworks;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code bench [--quick] [--json]}: how fast the engine is on this machine.
 *
 * <ul>
 *   <li>GFLOP/s (2·m·k·n per second) of {@link MatrixMultiply#mult} at 1024×1024×1024, 128×784×128 and
 *       128×128×64;</li>
 *   <li>samples per second of training a 784-128-64-10 network (relu, relu, softmax with cross-entropy) on 4096
 *       synthetic samples, mini-batches of 128, shuffled, plain SGD;</li>
 *   <li>epochs per second of XOR 2-4-1 (sigmoid hidden and output units with biases, half squared error, SGD at
 *       learning rate 0.5, the whole batch each step) through {@link Trainer#runEpochs};</li>
 *   <li>samples per second of training a bundled sample on real data with its own network and optimizer: the first
 *       8,192 Fashion-MNIST images when the data set is installed, else the 8×8 digits.</li>
 * </ul>
 * Each figure is the median of several timed samples taken after a warm-up that lets the JIT compile the hot loops.
 * {@code --quick} shortens warm-up and sampling to a few seconds in all (for smoke tests; the figures are rougher);
 * {@code --json} prints one JSON object instead of the table:
 * <pre>
 *   {"matmul": [{"m": …, "k": …, "n": …, "gflops": …}, …], "mlp": {"samplesPerSecond": …},
 *    "xor": {"epochsPerSecond": …}, "realData": {"sample": "fashion-mnist", "samples": 8192, "samplesPerSecond": …}}
 * </pre>
 * Runs on the calling thread (the multiply uses the common fork/join pool for large products).
 */
public final class BenchCommand {
    /** The command line this command accepts. */
    public static final String SYNOPSIS = "bench [--quick] [--json]";

    /** The matrix products measured, m×k×n each. */
    static final int[][] MATMUL_SIZES = {{1024, 1024, 1024}, {128, 784, 128}, {128, 128, 64}};

    private static final int MLP_SAMPLES = 4096;
    private static final int MLP_BATCH = 128;
    private static final int XOR_EPOCHS_PER_CALL = 1000;
    /** Training images of Fashion-MNIST used: an epoch of them takes about half a second. */
    private static final int FASHION_SAMPLES = 8192;

    private BenchCommand() {
    }

    /** How long to warm up and to sample. */
    record Timing(double warmupSeconds, double sampleSeconds, int samples) {
    }

    private record MatmulResult(int m, int k, int n, double gflops) {
    }

    /** Training speed on a sample's real data; {@code description} says which network and data. */
    record RealDataResult(String sample, String description, int samples, double samplesPerSecond) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the options after {@code bench}: {@code --quick}, {@code --json}
     * @param out  where the table or the JSON object goes
     * @param err  where a wrong option is reported
     * @return 0, or 2 for an unknown option
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean quick = false;
        boolean json = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--json")) {
                json = true;
            } else {
                err.println("backstep bench: unknown option \"" + arg + "\" (usage: " + SYNOPSIS + ")");
                return 2;
            }
        }
        Timing matmulTiming = quick ? new Timing(0.3, 0.1, 3) : new Timing(2.0, 0.5, 5);
        Timing mlpTiming = quick ? new Timing(0.5, 0.2, 3) : new Timing(4.0, 1.0, 5);
        Timing xorTiming = quick ? new Timing(0.3, 0.1, 3) : new Timing(2.0, 0.5, 5);

        if (!json) {
            out.printf(Locale.ROOT, "Backstep bench%s: Java %s, %d processors%n", quick ? " (quick)" : "",
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            out.println();
            out.println("  matrix multiply C = A·B        m      k      n     GFLOP/s");
        }
        MatmulResult[] matmul = new MatmulResult[MATMUL_SIZES.length];
        for (int s = 0; s < MATMUL_SIZES.length; s++) {
            int[] size = MATMUL_SIZES[s];
            matmul[s] = new MatmulResult(size[0], size[1], size[2], matmulGflops(size[0], size[1], size[2],
                    matmulTiming));
            if (!json) {
                out.printf(Locale.ROOT, "  %-26s %6d %6d %6d %11.2f%n", "", size[0], size[1], size[2],
                        matmul[s].gflops());
            }
        }
        double mlp = mlpSamplesPerSecond(mlpTiming);
        double xor = xorEpochsPerSecond(xorTiming);
        RealDataResult real = realDataSamplesPerSecond(mlpTiming);
        if (json) {
            out.println(toJson(matmul, mlp, xor, real));
        } else {
            out.println();
            out.printf(Locale.ROOT, "  %-44s %,14.0f samples/s%n", "MLP 784-128-64-10, batches of 128, SGD", mlp);
            out.printf(Locale.ROOT, "  %-44s %,14.0f epochs/s%n", "XOR 2-4-1, full batch, SGD, Trainer.runEpochs",
                    xor);
            out.printf(Locale.ROOT, "  %-44s %,14.0f samples/s%n", real.description(), real.samplesPerSecond());
        }
        return 0;
    }

    private static String toJson(MatmulResult[] matmul, double mlp, double xor, RealDataResult real) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode products = root.putArray("matmul");
        for (MatmulResult r : matmul) {
            products.addObject().put("m", r.m()).put("k", r.k()).put("n", r.n()).put("gflops", round(r.gflops(), 3));
        }
        root.putObject("mlp").put("samplesPerSecond", round(mlp, 1));
        root.putObject("xor").put("epochsPerSecond", round(xor, 1));
        root.putObject("realData").put("sample", real.sample()).put("samples", real.samples())
                .put("samplesPerSecond", round(real.samplesPerSecond(), 1));
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark as JSON", e);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** GFLOP/s of C = A·B, A m×k and B k×n of uniform numbers in [−1, 1). */
    static double matmulGflops(int m, int k, int n, Timing timing) {
        Random random = new Random(42);
        Matrix a = randomMatrix(m, k, random);
        Matrix b = randomMatrix(k, n, random);
        Matrix c = new Matrix(m, n);
        double gflop = 2.0 * m * k * n / 1e9;
        return medianRate(() -> MatrixMultiply.mult(a, b, c), gflop, timing);
    }

    /** Samples per second of mini-batch training of 784-128-64-10 on synthetic data. */
    static double mlpSamplesPerSecond(Timing timing) {
        Random random = new Random(7);
        Matrix inputs = new Matrix(MLP_SAMPLES, 784);
        double[] x = inputs.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        Matrix targets = new Matrix(MLP_SAMPLES, 10);
        for (int r = 0; r < MLP_SAMPLES; r++) {
            targets.set(r, random.nextInt(10), 1.0);
        }
        Network network = new Network(new int[]{784, 128, 64, 10},
                new Activation[]{Activation.RELU, Activation.RELU, Activation.SOFTMAX},
                new boolean[]{true, true, true}, Loss.CROSS_ENTROPY, Reduction.MEAN);
        network.initialize(new InitSettings(Initializer.HE_UNIFORM, BiasInit.ZEROS, 7));
        TrainingSettings settings = new TrainingSettings(Batching.of(MLP_BATCH), true, 1, 7);
        Trainer trainer = new Trainer(network, new Dataset(inputs, targets), null, settings,
                OptimizerSettings.sgd(0.01));
        return medianRate(() -> trainer.runEpochs(1), MLP_SAMPLES, timing);
    }

    /** Epochs per second of XOR 2-4-1, full batch, through the general trainer. */
    static double xorEpochsPerSecond(Timing timing) {
        Matrix inputs = Matrix.of(new double[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Matrix targets = Matrix.of(new double[][]{{0}, {1}, {1}, {0}});
        Network network = new Network(new int[]{2, 4, 1}, new Activation[]{Activation.SIGMOID, Activation.SIGMOID},
                new boolean[]{true, true}, Loss.HALF_SQUARED_ERROR, Reduction.MEAN);
        network.initialize(new InitSettings(Initializer.XAVIER_UNIFORM, BiasInit.ZEROS, 3));
        TrainingSettings settings = new TrainingSettings(Batching.full(), false, 1, 1);
        Trainer trainer = new Trainer(network, new Dataset(inputs, targets), null, settings,
                OptimizerSettings.sgd(0.5));
        return medianRate(() -> trainer.runEpochs(XOR_EPOCHS_PER_CALL), XOR_EPOCHS_PER_CALL, timing);
    }

    /**
     * Samples per second of training the fashion-mnist sample on its first {@value #FASHION_SAMPLES} images when
     * Fashion-MNIST is installed, else the digits sample on its training images: the sample's own network, batches
     * and optimizer.
     */
    static RealDataResult realDataSamplesPerSecond(Timing timing) {
        NetworkDefinition d;
        try {
            d = fashionSlice();
        } catch (NetworkFileException missing) {
            try {
                d = SampleNetworks.load("digits");
            } catch (NetworkFileException e) {
                throw new IllegalStateException("the bundled digits sample does not load: " + e.getMessage(), e);
            }
        }
        Trainer trainer = d.newTrainer();
        StringBuilder sizes = new StringBuilder();
        for (int size : trainer.network().layerSizes()) {
            sizes.append(sizes.length() == 0 ? "" : "-").append(size);
        }
        // Short enough to line up with the rows above; the batch size is the sample file's.
        String description = String.format(Locale.ROOT, "%s %s, real data, %s", d.name(), sizes,
                d.optimizer().kind().id());
        int samples = d.trainingData().size();
        return new RealDataResult(d.name(), description, samples,
                medianRate(() -> trainer.runEpochs(1), samples, timing));
    }

    private static NetworkDefinition fashionSlice() throws NetworkFileException {
        String label = "fashion-mnist.json";
        JsonNode tree = NetworkReader.readTree(label, NetworkReader.decode(label, SampleNetworks.bytes("fashion-mnist")));
        ((ObjectNode) tree.get("data")).put("samples", FASHION_SAMPLES).put("testSamples", 1);
        return NetworkReader.parseTree(label, tree, DataFolder.BUNDLED);
    }

    private static Matrix randomMatrix(int rows, int cols, Random random) {
        Matrix m = new Matrix(rows, cols);
        double[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextDouble() * 2 - 1;
        }
        return m;
    }

    /**
     * Calls {@code body} for the warm-up time (at least twice), then takes {@code samples} timed samples of as many
     * calls as fill the sample time, and returns the median of units per second.
     *
     * @param unitsPerCall what one call accomplishes, in the unit of the result (GFLOP, samples, epochs)
     */
    private static double medianRate(Runnable body, double unitsPerCall, Timing timing) {
        long warmupEnd = System.nanoTime() + (long) (timing.warmupSeconds() * 1e9);
        long calls = 0;
        long lastCallNanos;
        do {
            long t0 = System.nanoTime();
            body.run();
            lastCallNanos = Math.max(1, System.nanoTime() - t0);
            calls++;
        } while (calls < 2 || System.nanoTime() < warmupEnd);
        long callsPerSample = Math.max(1, Math.round(timing.sampleSeconds() * 1e9 / lastCallNanos));
        double[] rates = new double[timing.samples()];
        for (int s = 0; s < rates.length; s++) {
            long t0 = System.nanoTime();
            for (long c = 0; c < callsPerSample; c++) {
                body.run();
            }
            long nanos = Math.max(1, System.nanoTime() - t0);
            rates[s] = unitsPerCall * callsPerSample / (nanos / 1e9);
        }
        Arrays.sort(rates);
        int mid = rates.length / 2;
        return rates.length % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
    }
}
