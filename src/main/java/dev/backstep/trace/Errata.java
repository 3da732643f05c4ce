package dev.backstep.trace;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.Trainer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets each value a source printed beside the exact value of the same term, and says whether the source is right
 * to the precision it printed: a value printed with d decimals agrees when the exact value rounds to it.
 *
 * <p>Terms are those of the network's first training step, written in the notation the source used (it fixes the
 * signs of δ and Δ); a {@code next.} prefix names a term of the forward pass repeated after the step, on the same
 * samples.
 */
public final class Errata {
    private Errata() {
    }

    /**
     * One printed value and its verdict.
     *
     * @param index   the term's index in the step (in the repeated forward pass for {@code next.} terms), −1 when
     *                the term does not exist
     * @param exact   the exact value, NaN when the term does not exist
     * @param rounded the exact value rounded to the printed precision, or null (no such term, or a value that is
     *                not finite)
     * @param problem why the value could not be checked (an unknown term), or empty
     */
    public record Entry(PublishedValue published, int index, boolean afterStep, double exact, BigDecimal rounded,
                        boolean agrees, String problem) {
        public boolean checked() {
            return problem.isEmpty();
        }
    }

    /** Checks every published value; {@code trainer} must be at the start of training and is advanced one step. */
    public static List<Entry> check(Published published, Trainer trainer, NetworkLabels labels) {
        int[] samples = trainer.nextSamples();
        Dataset batch = trainer.trainingData().select(samples);
        StepTrace first = StepTrace.of(trainer.network(), trainer.optimizer(), batch, samples, labels,
                published.notation());
        trainer.step();
        StepTrace after = StepTrace.of(trainer.network(), trainer.optimizer(), batch, samples, labels,
                published.notation());
        List<Entry> entries = new ArrayList<>();
        for (PublishedValue value : published.values()) {
            boolean next = value.term().startsWith("next.");
            String key = next ? value.term().substring("next.".length()) : value.term();
            StepTrace trace = next ? after : first;
            int index = trace.indexOf(key);
            if (next && index >= 0 && trace.phaseAt(index) != Phase.FORWARD && trace.phaseAt(index) != Phase.LOSS) {
                index = -1;
            }
            if (index < 0) {
                entries.add(new Entry(value, -1, next, Double.NaN, null, false, "no term \"" + value.term()
                        + "\" in this network's step (terms look like z(h1), a(o1), error(o1), delta(h2),"
                        + " dEdw(x1->h1), update(h2->o1), w(x1->h1), next.a(o1))"));
                continue;
            }
            double exact = trace.term(index).value();
            // an infinite or NaN value (e.g. −t/y of a saturated softmax) has no decimals: it agrees with no number
            BigDecimal rounded = Double.isFinite(exact)
                    ? new BigDecimal(exact).setScale(value.decimals(), java.math.RoundingMode.HALF_EVEN) : null;
            boolean agrees = rounded != null && rounded.compareTo(value.value()) == 0;
            entries.add(new Entry(value, index, next, exact, rounded, agrees, ""));
        }
        return entries;
    }
}
