package dev.backstep.engine;

import static dev.backstep.engine.EngineTestSupport.gaussianRows;
import static dev.backstep.engine.EngineTestSupport.network;
import static dev.backstep.engine.EngineTestSupport.random;
import static dev.backstep.engine.EngineTestSupport.randomize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Accuracy and confusion matrices against plain counts: the reference outputs come from the scalar {@link
 * EngineTestSupport.ScalarNet}, the reference classes from loops written here, never from {@link Evaluation}.
 */
class EvaluationTest {

    /** A softmax network on more rows than one evaluation chunk, so chunking is exercised, with random targets. */
    @Test
    void softmaxAccuracyAndCellsMatchAPlainCount() {
        Random random = random(61);
        Network net = network(new int[] {4, 6, 3}, Activation.TANH, Activation.SOFTMAX, true, Loss.CROSS_ENTROPY,
                Reduction.MEAN);
        randomize(net, random);
        int rows = Evaluation.CHUNK * 2 + 37;
        double[][] x = gaussianRows(random, rows, 4);
        double[][] t = new double[rows][3];
        int[] trueClass = new int[rows];
        for (int r = 0; r < rows; r++) {
            trueClass[r] = random.nextInt(3);
            t[r][trueClass[r]] = 1;
        }
        EngineTestSupport.ScalarNet reference = EngineTestSupport.ScalarNet.of(net);
        int[][] counts = new int[3][3];
        List<List<List<Integer>>> cells = emptyCells(3);
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            double[] y = reference.output(x[r]);
            int predicted = 0;
            for (int c = 1; c < 3; c++) {
                if (y[c] > y[predicted]) {
                    predicted = c;
                }
            }
            counts[trueClass[r]][predicted]++;
            cells.get(trueClass[r]).get(predicted).add(r);
            if (predicted == trueClass[r]) {
                correct++;
            }
        }

        Dataset data = new Dataset(Matrix.of(x), Matrix.of(t));
        ConfusionMatrix confusion = Evaluation.confusion(net, data);

        assertEquals(3, confusion.classes());
        assertEquals(rows, confusion.total());
        assertEquals(correct, confusion.correct());
        assertEquals((double) correct / rows, Evaluation.accuracy(net, data), 0.0);
        for (int tc = 0; tc < 3; tc++) {
            int rowSum = 0;
            int colSum = 0;
            for (int pc = 0; pc < 3; pc++) {
                assertEquals(counts[tc][pc], confusion.count(tc, pc), "count(" + tc + ", " + pc + ")");
                assertArrayEquals(toArray(cells.get(tc).get(pc)), confusion.samples(tc, pc),
                        "samples(" + tc + ", " + pc + ")");
                rowSum += counts[tc][pc];
                colSum += counts[pc][tc];
            }
            assertEquals(rowSum, confusion.trueTotal(tc));
            assertEquals(colSum, confusion.predictedTotal(tc));
            assertEquals((double) counts[tc][tc] / rowSum, confusion.classAccuracy(tc), 0.0);
        }
    }

    /** One sigmoid output: class 1 when the output (or target) is at least 0.5. */
    @Test
    void singleSigmoidOutputIsThresholdedAtOneHalf() {
        Random random = random(62);
        Network net = network(new int[] {2, 3, 1}, Activation.SIGMOID, Activation.SIGMOID, true,
                Loss.BINARY_CROSS_ENTROPY, Reduction.MEAN);
        randomize(net, random);
        int rows = 200;
        double[][] x = gaussianRows(random, rows, 2);
        double[][] t = new double[rows][1];
        EngineTestSupport.ScalarNet reference = EngineTestSupport.ScalarNet.of(net);
        int[][] counts = new int[2][2];
        for (int r = 0; r < rows; r++) {
            t[r][0] = random.nextBoolean() ? 1 : 0;
            int predicted = reference.output(x[r])[0] >= 0.5 ? 1 : 0;
            counts[(int) t[r][0]][predicted]++;
        }
        ConfusionMatrix confusion = Evaluation.confusion(net, new Dataset(Matrix.of(x), Matrix.of(t)));
        assertEquals(2, confusion.classes());
        for (int tc = 0; tc < 2; tc++) {
            for (int pc = 0; pc < 2; pc++) {
                assertEquals(counts[tc][pc], confusion.count(tc, pc), "count(" + tc + ", " + pc + ")");
            }
        }
        assertEquals((counts[0][0] + counts[1][1]) / (double) rows, confusion.accuracy(), 0.0);
    }

    @Test
    void argmaxTakesTheFirstOfEqualValuesAndThresholdIncludesOneHalf() {
        assertEquals(1, Evaluation.classOf(new double[] {0.1, 0.7, 0.7, 0.2}, 0, 4));
        assertEquals(1, Evaluation.classOf(new double[] {9, 9, 0.1, 0.3, 0.2}, 2, 3), "offset into a longer array");
        assertEquals(1, Evaluation.classOf(new double[] {0.5}, 0, 1));
        assertEquals(0, Evaluation.classOf(new double[] {0.4999}, 0, 1));
    }

    @Test
    void handBuiltMatrixCountsAndRejectsClassesOutOfRange() {
        int[] truth = {0, 0, 1, 2, 2, 2, 1};
        int[] predicted = {0, 1, 1, 2, 0, 2, 1};
        ConfusionMatrix m = new ConfusionMatrix(truth, predicted, 3);
        assertEquals(5, m.correct());
        assertEquals(5 / 7.0, m.accuracy(), 0.0);
        assertArrayEquals(new int[] {4}, m.samples(2, 0));
        assertArrayEquals(new int[] {2, 6}, m.samples(1, 1));
        assertEquals(3, m.trueTotal(2));
        assertEquals(2, m.predictedTotal(0));
        assertTrue(Double.isNaN(new ConfusionMatrix(new int[0], new int[0], 3).accuracy()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(new int[] {0, 3}, new int[] {0, 0}, 3));
        assertEquals("sample 1 has true class 3, expected 0 to 2", e.getMessage());
    }

    private static List<List<List<Integer>>> emptyCells(int classes) {
        List<List<List<Integer>>> cells = new ArrayList<>();
        for (int t = 0; t < classes; t++) {
            List<List<Integer>> row = new ArrayList<>();
            for (int p = 0; p < classes; p++) {
                row.add(new ArrayList<>());
            }
            cells.add(row);
        }
        return cells;
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
