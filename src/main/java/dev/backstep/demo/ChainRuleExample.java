package dev.backstep.demo;

/**
 * Seed 000's slide 9: the chain rule on f(x) = (x² + 1)³, split into the terms a student writes down. The inner
 * function u = x² + 1 and its derivative du/dx = 2x, the outer function f = u³ and its derivative df/du = 3u², and
 * their product df/dx = df/du · du/dx. Each step is computed from the previous ones, exactly as the slide's code does,
 * so the page shows the same numbers the slide prints for x = 2 (f = 125, f' = 300).
 */
public record ChainRuleExample(double x, double u, double duDx, double f, double dfDu, double dfDx) {

    /** Every term at {@code x}. */
    public static ChainRuleExample at(double x) {
        double u = x * x + 1;
        double duDx = 2 * x;
        double f = u * u * u;
        double dfDu = 3 * u * u;
        return new ChainRuleExample(x, u, duDx, f, dfDu, dfDu * duDx);
    }
}
