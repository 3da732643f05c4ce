package dev.backstep.demo;

import java.util.Arrays;

/**
 * Seed 000's slide 10: gradient descent on f(x) = x² + 5, whose gradient is 2x. Each step is
 * x ← x − η·2x = (1 − 2η)·x, so the iterates shrink towards the minimum at 0 when |1 − 2η| < 1 (0 < η < 1),
 * oscillate without end at η = 1, and grow without bound, alternating in sign, when η > 1: the divergence a too large
 * learning rate causes in a network, in one dimension. Immutable: {@link #step()} returns the next state.
 *
 * @param rate     the learning rate η
 * @param iterates x₀, x₁, …, xₖ so far (x₀ is the start point); not to be modified
 */
public record GradientDescentExample(double rate, double[] iterates) {
    public GradientDescentExample {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + rate);
        }
    }

    /** The iterates are kept for drawing; beyond this many the walk stops (it has converged or diverged by then). */
    public static final int MAX_STEPS = 200;

    /** A walk that has taken no step yet. */
    public static GradientDescentExample start(double x0, double rate) {
        return new GradientDescentExample(rate, new double[] {x0});
    }

    public static double f(double x) {
        return x * x + 5;
    }

    public static double gradient(double x) {
        return 2 * x;
    }

    /** The walk with one more step, x_{k+1} = x_k − η f'(x_k); unchanged once {@link #MAX_STEPS} are taken. */
    public GradientDescentExample step() {
        if (steps() >= MAX_STEPS) {
            return this;
        }
        double[] next = Arrays.copyOf(iterates, iterates.length + 1);
        double x = current();
        next[iterates.length] = x - rate * gradient(x);
        return new GradientDescentExample(rate, next);
    }

    /** The walk after {@code n} more steps. */
    public GradientDescentExample steps(int n) {
        GradientDescentExample walk = this;
        for (int i = 0; i < n; i++) {
            walk = walk.step();
        }
        return walk;
    }

    public int steps() {
        return iterates.length - 1;
    }

    public double current() {
        return iterates[iterates.length - 1];
    }

    public double start() {
        return iterates[0];
    }

    /** What the iterates do at this learning rate, from the factor 1 − 2η each step multiplies x by. */
    public Behaviour behaviour() {
        double factor = Math.abs(1 - 2 * rate);
        if (factor < 1) {
            return Behaviour.CONVERGES;
        }
        return factor == 1 ? Behaviour.OSCILLATES : Behaviour.DIVERGES;
    }

    /** How the walk behaves, for the page's verdict. */
    public enum Behaviour {
        CONVERGES, OSCILLATES, DIVERGES
    }
}
