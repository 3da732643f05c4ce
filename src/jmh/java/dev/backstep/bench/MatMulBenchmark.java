package dev.backstep.bench;

import dev.backstep.engine.Matrix;
import dev.backstep.engine.MatrixMultiply;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * C = A·B at the sizes of {@code backstep bench}: Backstep's {@link MatrixMultiply#mult} against EJML 0.44's
 * concurrent {@code CommonOps_MT_DDRM.mult} (and its single-threaded {@code CommonOps_DDRM.mult}), in one run on the
 * same data. Time per product; GFLOP/s = 2·m·k·n / time.
 *
 * <pre>
 *   java -jar target/benchmarks.jar MatMulBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatMulBenchmark {
    /** m×k×n: A is m×k, B is k×n. */
    @Param({"1024x1024x1024", "128x784x128", "128x128x64"})
    public String size;

    private Matrix a;
    private Matrix b;
    private Matrix c;
    private DMatrixRMaj ea;
    private DMatrixRMaj eb;
    private DMatrixRMaj ec;

    @Setup
    public void setUp() {
        String[] parts = size.split("x");
        int m = Integer.parseInt(parts[0]);
        int k = Integer.parseInt(parts[1]);
        int n = Integer.parseInt(parts[2]);
        Random random = new Random(42);
        a = new Matrix(m, k);
        b = new Matrix(k, n);
        c = new Matrix(m, n);
        for (double[] d : new double[][]{a.data(), b.data()}) {
            for (int i = 0; i < d.length; i++) {
                d[i] = random.nextDouble() * 2 - 1;
            }
        }
        ea = DMatrixRMaj.wrap(m, k, a.data().clone());
        eb = DMatrixRMaj.wrap(k, n, b.data().clone());
        ec = new DMatrixRMaj(m, n);
    }

    @Benchmark
    public Matrix backstep() {
        MatrixMultiply.mult(a, b, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj ejmlConcurrent() {
        CommonOps_MT_DDRM.mult(ea, eb, ec);
        return ec;
    }

    @Benchmark
    public DMatrixRMaj ejmlSingleThread() {
        CommonOps_DDRM.mult(ea, eb, ec);
        return ec;
    }
}
