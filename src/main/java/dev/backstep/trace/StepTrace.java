package dev.backstep.trace;

import dev.backstep.engine.Dataset;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.engine.Optimizer;
import dev.backstep.engine.OptimizerKind;
import dev.backstep.engine.Trainer;
import dev.backstep.trace.TermLayout.Kind;
import dev.backstep.trace.TermLayout.Position;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every chain-rule term of one training step, in order. All numbers are computed when the trace is made (a scalar
 * pass, cheap even for a 784-input network); {@link Term} objects with their formulas are built only when asked
 * for, so a step with millions of terms costs only what is looked at. Immutable; safe to read from any thread.
 */
public final class StepTrace {
    private static final int CACHE = 4096;
    /** quantity(element)@sample; greedy, so that unit names may hold parentheses, e.g. {@code z((p))}. */
    private static final Pattern KEY = Pattern.compile("([A-Za-z]+)(?:\\((.*)\\))?(?:@(\\d+))?");

    private final TraceValues values;
    private final TermLayout layout;
    private final NetworkLabels labels;
    private final Notation notation;
    private final TermFactory factory;
    private final Map<Integer, Term> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Term> eldest) {
            return size() > CACHE;
        }
    };

    private StepTrace(TraceValues values, TermLayout layout, NetworkLabels labels, Notation notation) {
        this.values = values;
        this.layout = layout;
        this.labels = labels;
        this.notation = notation;
        this.factory = new TermFactory(values, layout, Symbols.of(notation, labels, values.sizes), labels);
    }

    /**
     * The trace of one step of {@code network} (not modified) on a batch, with an optimizer in the state it is in
     * before the step (not modified).
     *
     * @param samples the data-set index of each row of the batch
     */
    public static StepTrace of(Network network, Optimizer optimizer, Dataset batch, int[] samples,
                               NetworkLabels labels, Notation notation) {
        TraceValues values = new TraceValues(network, optimizer, batch.inputs(), batch.targets(), samples);
        return new StepTrace(values, new TermLayout(values), labels, notation);
    }

    /** The trace of the step the trainer will take next. */
    public static StepTrace ofNextStep(Trainer trainer, NetworkLabels labels, Notation notation) {
        int[] samples = trainer.nextSamples();
        return of(trainer.network(), trainer.optimizer(), trainer.trainingData().select(samples), samples, labels,
                notation);
    }

    /** The same step written in another notation (the numbers are shared, not recomputed). */
    public StepTrace withNotation(Notation other) {
        return other == notation ? this : new StepTrace(values, layout, labels, other);
    }

    public Notation notation() {
        return notation;
    }

    /** True when both describe the same step (perhaps in different notations). */
    public boolean sameStep(StepTrace other) {
        return other != null && other.values == values;
    }

    public NetworkLabels labels() {
        return labels;
    }

    public int size() {
        return layout.size();
    }

    /** How many {@link Term} objects this trace has built (cache misses); for tests of its laziness. */
    private long termsBuilt;

    /** The term at {@code index}, built on first use. */
    public synchronized Term term(int index) {
        Term term = cache.get(index);
        if (term == null) {
            term = factory.build(index);
            termsBuilt++;
            cache.put(index, term);
        }
        return term;
    }

    /** The number of terms built so far (each build is one cache miss); package-private, for tests. */
    synchronized long termsBuilt() {
        return termsBuilt;
    }

    public Phase phaseAt(int index) {
        return layout.phaseAt(index);
    }

    /** The first index of a phase, or −1 when the step has none (the first sample's block for forward). */
    public int firstIndexOf(Phase phase) {
        for (TermLayout.Segment s : layout.segments()) {
            if (TermLayout.phase(s.type()) == phase) {
                return s.start();
            }
        }
        return -1;
    }

    /** Data-set indices of the batch's samples. */
    public int[] samples() {
        return values.sampleIds.clone();
    }

    public int sampleCount() {
        return values.samples;
    }

    /** The loss of the step's batch (before the update). */
    public double loss() {
        return values.batchLoss;
    }

    /**
     * The index just after the per-sample block that contains {@code index} (its forward, loss and backward
     * terms), or the trace's size when {@code index} lies beyond the per-sample part.
     */
    public int endOfSampleBlock(int index) {
        for (int n = 0; n < values.samples; n++) {
            int end = layout.sampleStart(n + 1);
            if (index < end) {
                return end;
            }
        }
        return size();
    }

    /** What a view can show on a unit while a step is being revealed. */
    public enum UnitQuantity { Z, A, DEDA, DADZ, DELTA }

    /** What a view can show on an edge or a bias while a step is being revealed. */
    public enum EdgeQuantity { GRADIENT, UPDATE, NEW_VALUE }

    /**
     * The index of the term computing a unit quantity for row {@code row} of the batch, or −1 when the step has
     * no such term (a softmax unit has no ∂a/∂z; the input layer none at all). A view shows the value once
     * {@code index < position}.
     */
    public int indexOf(UnitQuantity quantity, int layer, int unit, int row) {
        if (layer < 1 || row < 0 || row >= values.samples) {
            return -1;
        }
        Kind kind = switch (quantity) {
            case Z -> Kind.Z;
            case A -> Kind.A;
            case DEDA -> Kind.DEDA;
            case DADZ -> Kind.DADZ;
            case DELTA -> Kind.DELTA;
        };
        return layout.indexOf(new Position(kind, layer, row, -1, unit));
    }

    /** The value of a unit quantity in the natural convention (δ = ∂E/∂z), whether revealed or not. */
    public double value(UnitQuantity quantity, int layer, int unit, int row) {
        if (layer == 0 && quantity != UnitQuantity.A) {
            throw new IllegalArgumentException("the input layer has only values (a), no " + quantity);
        }
        return switch (quantity) {
            case Z -> values.z[layer][row][unit];
            case A -> values.a[layer][row][unit];
            case DEDA -> values.dEda[layer][row][unit];
            case DADZ -> values.dadz[layer][row][unit];
            case DELTA -> values.delta[layer][row][unit];
        };
    }

    /**
     * The index of the batch-level term computing an edge quantity (the gradient of the whole batch, the change,
     * the new value) for the weight from {@code from} to {@code to} into {@code layer}, or for the bias of unit
     * {@code to} when {@code from} is −1; −1 when there is none.
     */
    public int indexOf(EdgeQuantity quantity, int layer, int from, int to) {
        if (layer < 1) {
            return -1;
        }
        boolean bias = from < 0;
        Kind kind = switch (quantity) {
            case GRADIENT -> bias ? Kind.DEDB : Kind.DEDW;
            case UPDATE -> Kind.UPDATE;
            case NEW_VALUE -> Kind.NEW_VALUE;
        };
        return layout.indexOf(new Position(kind, layer, -1, from, to));
    }

    /** The value of an edge quantity, whether revealed or not. */
    public double value(EdgeQuantity quantity, int layer, int from, int to) {
        if (from < 0 && !hasBias(layer)) {
            throw new IllegalArgumentException("layer " + layer + " has no bias");
        }
        int param = from < 0 ? values.biasIndex(layer) : values.weightIndex(layer);
        int element = from < 0 ? to : from * values.sizes[layer] + to;
        return switch (quantity) {
            case GRADIENT -> values.gradient[param][element];
            case UPDATE -> values.update[param][element];
            case NEW_VALUE -> values.newValue[param][element];
        };
    }

    /** The data-set index of row {@code row} of the batch. */
    public int sampleAt(int row) {
        return values.sampleIds[row];
    }

    /** The network with the parameters this step computes, term by term (for comparison with the fast path). */
    public Network networkAfter() {
        Network after = values.network.copy();
        for (int p = 0; p < after.parameters().size(); p++) {
            double[] target = after.parameters().get(p).value();
            System.arraycopy(values.newValue[p], 0, target, 0, target.length);
        }
        return after;
    }

    /**
     * The index of the term with a key such as {@code z(h1)}, {@code delta(o1)}, {@code dEdw(x1->h1)},
     * {@code w(h2->o1)}, {@code loss} or, in a batch, {@code a(h1)@3}; −1 when this step has no such term.
     */
    public int indexOf(String key) {
        Position position = parse(key);
        return position == null ? -1 : layout.indexOf(position);
    }

    private Position parse(String key) {
        Matcher m = KEY.matcher(key.strip());
        if (!m.matches()) {
            return null;
        }
        String quantity = m.group(1);
        String element = m.group(2);
        int sample = -1;
        if (m.group(3) != null) {
            int id = Integer.parseInt(m.group(3));
            for (int n = 0; n < values.samples; n++) {
                if (values.sampleIds[n] == id) {
                    sample = n;
                }
            }
            if (sample < 0) {
                return null;
            }
        } else if (values.samples == 1) {
            sample = 0;
        }
        if (element == null) {
            if (quantity.equals("loss")) {
                return sample >= 0 && values.samples > 1 ? new Position(Kind.SAMPLE_LOSS, values.depth, sample, -1,
                        -1) : new Position(Kind.BATCH_LOSS, 0, -1, -1, -1);
            }
            return quantity.equals("norm") ? new Position(Kind.NORM, 0, -1, -1, -1) : null;
        }
        int arrow = element.indexOf("->");
        if (arrow >= 0) {
            int[] from = labels.find(element.substring(0, arrow).strip());
            int[] to = labels.find(element.substring(arrow + 2).strip());
            if (from == null || to == null || to[0] != from[0] + 1) {
                return null;
            }
            return edgePosition(quantity, to[0], sample, from[1], to[1]);
        }
        int[] unit = labels.find(element.strip());
        return unit == null ? null : unitPosition(quantity, unit[0], sample, unit[1]);
    }

    private Position unitPosition(String quantity, int layer, int sample, int unit) {
        int perSample = values.samples > 1 ? sample : Math.max(sample, 0);
        switch (quantity) {
            case "z":
                return layer > 0 ? new Position(Kind.Z, layer, perSample, -1, unit) : null;
            case "a":
                return layer > 0 ? new Position(Kind.A, layer, perSample, -1, unit) : null;
            case "error":
                return layer == values.depth ? new Position(Kind.ERROR, layer, perSample, -1, unit) : null;
            case "dEda":
                return new Position(Kind.DEDA, layer, perSample, -1, unit);
            case "dadz":
                return new Position(Kind.DADZ, layer, perSample, -1, unit);
            case "delta":
                return new Position(Kind.DELTA, layer, perSample, -1, unit);
            case "dEdb":
                return hasBias(layer) ? new Position(Kind.DEDB, layer, sample, -1, unit) : null;
            default:
                Kind kind = updateKind(quantity, true);
                return kind == null || !hasBias(layer) ? null : new Position(kind, layer, -1, -1, unit);
        }
    }

    private Position edgePosition(String quantity, int layer, int sample, int from, int to) {
        if (quantity.equals("dEdw")) {
            return new Position(Kind.DEDW, layer, sample, from, to);
        }
        Kind kind = updateKind(quantity, false);
        return kind == null ? null : new Position(kind, layer, -1, from, to);
    }

    private boolean hasBias(int layer) {
        if (layer < 1) {
            return false;
        }
        DenseLayer l = values.network.layer(layer);
        return l.hasBias();
    }

    private Kind updateKind(String quantity, boolean bias) {
        OptimizerKind rule = values.optimizer.kind();
        switch (quantity) {
            case "g":
                return Kind.GRAD;
            case "v":
                return rule == OptimizerKind.ADAM ? Kind.STATE2 : Kind.STATE1;
            case "s":
            case "m":
                return Kind.STATE1;
            case "mhat":
                return Kind.MHAT;
            case "vhat":
                return Kind.VHAT;
            case "update":
                return Kind.UPDATE;
            case "w":
                return bias ? null : Kind.NEW_VALUE;
            case "b":
                return bias ? Kind.NEW_VALUE : null;
            default:
                return null;
        }
    }
}
