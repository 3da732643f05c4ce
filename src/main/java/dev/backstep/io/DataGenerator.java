package dev.backstep.io;

import dev.backstep.engine.NumpyRandom;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * TensorFlow Playground's two-dimensional classification data sets, ported from its {@code dataset.ts} with the same
 * geometry (points within ±6, class +1 and −1), drawn from {@link NumpyRandom}. Class +1 becomes target 1, class −1
 * target 0.
 */
public enum DataGenerator {
    /** Class 1 inside radius 2.5, class 0 in the ring from 3.5 to 5; labels from the noisy position. */
    CIRCLE("circle"),
    /** Two interleaved spirals. */
    SPIRAL("spiral"),
    /** Two Gaussian clouds around (2, 2) and (−2, −2) whose variance grows with the noise. */
    GAUSSIANS("gaussians"),
    /** Class 1 where x·y ≥ 0 (first and third quadrants), points kept 0.3 away from the axes. */
    XOR_QUADRANTS("xor-quadrants");

    private final String id;

    DataGenerator(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<DataGenerator> byId(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(DataGenerator::id).collect(Collectors.joining(", "));
    }

    /** {@code samples} rows of (x, y, label) with label 1 or 0, in generation order. */
    public double[][] generate(int samples, double noise, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        double[][] points = new double[samples][];
        switch (this) {
            case CIRCLE:
                circle(random, points, noise);
                break;
            case SPIRAL:
                spiral(random, points, noise);
                break;
            case GAUSSIANS:
                gaussians(random, points, noise);
                break;
            case XOR_QUADRANTS:
                xor(random, points, noise);
                break;
            default:
                throw new AssertionError(this);
        }
        return points;
    }

    private static void circle(NumpyRandom random, double[][] points, double noise) {
        double radius = 5;
        int half = points.length / 2;
        for (int i = 0; i < points.length; i++) {
            boolean inside = i < half;
            double r = inside ? random.uniform(0, radius * 0.5) : random.uniform(radius * 0.7, radius);
            double angle = random.uniform(0, 2 * Math.PI);
            double x = r * Math.sin(angle);
            double y = r * Math.cos(angle);
            double noiseX = random.uniform(-radius, radius) * noise;
            double noiseY = random.uniform(-radius, radius) * noise;
            double label = Math.hypot(x + noiseX, y + noiseY) < radius * 0.5 ? 1 : 0;
            points[i] = new double[] {x, y, label};
        }
    }

    private static void spiral(NumpyRandom random, double[][] points, double noise) {
        int n = points.length / 2;
        int other = points.length - n;
        for (int i = 0; i < points.length; i++) {
            boolean first = i < n;
            int k = first ? i : i - n;
            int count = first ? n : other;
            double r = (double) k / count * 5;
            double t = 1.75 * k / count * 2 * Math.PI + (first ? 0 : Math.PI);
            double x = r * Math.sin(t) + random.uniform(-1, 1) * noise;
            double y = r * Math.cos(t) + random.uniform(-1, 1) * noise;
            points[i] = new double[] {x, y, first ? 1 : 0};
        }
    }

    private static void gaussians(NumpyRandom random, double[][] points, double noise) {
        double variance = 0.5 + noise * (4 - 0.5) / 0.5;
        double sd = Math.sqrt(variance);
        int half = points.length / 2;
        for (int i = 0; i < points.length; i++) {
            boolean positive = i < half;
            double centre = positive ? 2 : -2;
            double x = centre + sd * random.nextGaussian();
            double y = centre + sd * random.nextGaussian();
            points[i] = new double[] {x, y, positive ? 1 : 0};
        }
    }

    private static void xor(NumpyRandom random, double[][] points, double noise) {
        double padding = 0.3;
        for (int i = 0; i < points.length; i++) {
            double x = random.uniform(-5, 5);
            x += x > 0 ? padding : -padding;
            double y = random.uniform(-5, 5);
            y += y > 0 ? padding : -padding;
            double noiseX = random.uniform(-5, 5) * noise;
            double noiseY = random.uniform(-5, 5) * noise;
            double label = (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0;
            points[i] = new double[] {x, y, label};
        }
    }
}
