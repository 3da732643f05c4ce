package dev.backstep.trace;

import dev.backstep.engine.Activation;
import dev.backstep.engine.OptimizerKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each term of a step sits, by arithmetic rather than by a list: a step over a 784-input network at batch
 * 128 has millions of terms, and only the ones looked at are ever built.
 *
 * <p>Order: for each sample of the batch its forward pass (layer by layer, z then a for each unit), its loss (each
 * output's error, then its loss), its backward pass (from the output layer down: ∂E/∂a, ∂a/∂z and δ per unit, then
 * the gradient of every weight and bias into that layer); then, for a batch of more than one sample, the batch loss
 * and the term reducing each parameter's per-sample gradients; then the update of every parameter, layer by layer.
 */
final class TermLayout {
    enum Kind {
        Z, A, ERROR, SAMPLE_LOSS, DEDA, DADZ, DELTA, DEDW, DEDB, BATCH_LOSS, NORM, GRAD, STATE1, STATE2, MHAT, VHAT,
        UPDATE, NEW_VALUE
    }

    enum SegmentType { FORWARD, LOSS, BACKWARD, SAMPLE_GRADIENTS, BATCH_LOSS, REDUCE, NORM, UPDATE_WEIGHTS,
        UPDATE_BIASES }

    /** A run of terms of one type, layer and sample. */
    record Segment(SegmentType type, int layer, int sample, int start, int count) {
    }

    /**
     * What a term is. {@code sample} is the position in the batch (−1 for batch-level terms); for units
     * {@code to} is the unit; for weights {@code from} → {@code to}; for biases {@code from} is −1.
     */
    record Position(Kind kind, int layer, int sample, int from, int to) {
        boolean isBias() {
            return from < 0;
        }
    }

    private final TraceValues values;
    private final List<Segment> segments = new ArrayList<>();
    private final Map<String, Segment> byName = new HashMap<>();
    private final int[] starts;
    private final int size;

    TermLayout(TraceValues values) {
        this.values = values;
        int index = 0;
        int depth = values.depth;
        for (int n = 0; n < values.samples; n++) {
            for (int l = 1; l <= depth; l++) {
                index = add(SegmentType.FORWARD, l, n, index, 2 * values.sizes[l]);
            }
            index = add(SegmentType.LOSS, depth, n, index, values.sizes[depth] + 1);
            for (int l = depth; l >= 1; l--) {
                index = add(SegmentType.BACKWARD, l, n, index, values.sizes[l] * unitKinds(l).length);
                index = add(SegmentType.SAMPLE_GRADIENTS, l, n, index, gradientCount(l));
            }
        }
        if (values.samples > 1) {
            index = add(SegmentType.BATCH_LOSS, 0, -1, index, 1);
            for (int l = depth; l >= 1; l--) {
                index = add(SegmentType.REDUCE, l, -1, index, gradientCount(l));
            }
        }
        if (values.optimizer.clipNorm() > 0) {
            index = add(SegmentType.NORM, 0, -1, index, 1);
        }
        for (int l = 1; l <= depth; l++) {
            int in = values.sizes[l - 1];
            int out = values.sizes[l];
            index = add(SegmentType.UPDATE_WEIGHTS, l, -1, index, in * out * updateKinds(l, false).length);
            if (values.network.layer(l).hasBias()) {
                index = add(SegmentType.UPDATE_BIASES, l, -1, index, out * updateKinds(l, true).length);
            }
        }
        size = index;
        starts = segments.stream().mapToInt(Segment::start).toArray();
    }

    private int add(SegmentType type, int layer, int sample, int start, int count) {
        Segment segment = new Segment(type, layer, sample, start, count);
        if (count > 0) {
            segments.add(segment);
        }
        byName.put(type + "/" + layer + "/" + sample, segment);
        return start + count;
    }

    int size() {
        return size;
    }

    private int gradientCount(int l) {
        int out = values.sizes[l];
        return values.sizes[l - 1] * out + (values.network.layer(l).hasBias() ? out : 0);
    }

    /** The terms of each unit in the backward pass of layer l. */
    Kind[] unitKinds(int l) {
        boolean softmaxOutput = l == values.depth && values.network.layer(l).activation() == Activation.SOFTMAX;
        return softmaxOutput ? new Kind[] {Kind.DEDA, Kind.DELTA} : new Kind[] {Kind.DEDA, Kind.DADZ, Kind.DELTA};
    }

    /** The terms of each element of a parameter in the update phase. */
    Kind[] updateKinds(int l, boolean bias) {
        boolean frozen = bias ? values.network.layer(l).bias().isFrozen()
                : values.network.layer(l).weights().isFrozen();
        if (frozen) {
            return new Kind[] {Kind.NEW_VALUE};
        }
        List<Kind> kinds = new ArrayList<>();
        if (values.usesEffectiveGradient) {
            kinds.add(Kind.GRAD);
        }
        OptimizerKind rule = values.optimizer.kind();
        if (rule != OptimizerKind.SGD) {
            kinds.add(Kind.STATE1);
        }
        if (rule == OptimizerKind.ADAM) {
            kinds.addAll(List.of(Kind.STATE2, Kind.MHAT, Kind.VHAT));
        }
        kinds.add(Kind.UPDATE);
        kinds.add(Kind.NEW_VALUE);
        return kinds.toArray(new Kind[0]);
    }

    Segment segmentAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("term " + index + " of " + size);
        }
        int s = Arrays.binarySearch(starts, index);
        return segments.get(s >= 0 ? s : -s - 2);
    }

    Phase phaseAt(int index) {
        return phase(segmentAt(index).type);
    }

    static Phase phase(SegmentType type) {
        switch (type) {
            case FORWARD:
                return Phase.FORWARD;
            case LOSS:
            case BATCH_LOSS:
                return Phase.LOSS;
            case BACKWARD:
            case SAMPLE_GRADIENTS:
            case REDUCE:
                return Phase.BACKWARD;
            default:
                return Phase.UPDATE;
        }
    }

    Position decode(int index) {
        Segment s = segmentAt(index);
        int offset = index - s.start;
        int l = s.layer;
        int n = s.sample;
        switch (s.type) {
            case FORWARD: {
                int size = values.sizes[l];
                if (values.network.layer(l).activation() == Activation.SOFTMAX) {
                    return offset < size ? new Position(Kind.Z, l, n, -1, offset)
                            : new Position(Kind.A, l, n, -1, offset - size);
                }
                return new Position(offset % 2 == 0 ? Kind.Z : Kind.A, l, n, -1, offset / 2);
            }
            case LOSS:
                return offset < values.sizes[l] ? new Position(Kind.ERROR, l, n, -1, offset)
                        : new Position(Kind.SAMPLE_LOSS, l, n, -1, -1);
            case BACKWARD: {
                Kind[] kinds = unitKinds(l);
                return new Position(kinds[offset % kinds.length], l, n, -1, offset / kinds.length);
            }
            case SAMPLE_GRADIENTS:
            case REDUCE:
                return gradientPosition(l, n, offset);
            case BATCH_LOSS:
                return new Position(Kind.BATCH_LOSS, 0, -1, -1, -1);
            case NORM:
                return new Position(Kind.NORM, 0, -1, -1, -1);
            case UPDATE_WEIGHTS: {
                Kind[] kinds = updateKinds(l, false);
                int element = offset / kinds.length;
                int out = values.sizes[l];
                return new Position(kinds[offset % kinds.length], l, -1, element / out, element % out);
            }
            case UPDATE_BIASES: {
                Kind[] kinds = updateKinds(l, true);
                return new Position(kinds[offset % kinds.length], l, -1, -1, offset / kinds.length);
            }
            default:
                throw new AssertionError(s.type);
        }
    }

    private Position gradientPosition(int l, int n, int offset) {
        int in = values.sizes[l - 1];
        int out = values.sizes[l];
        if (offset < in * out) {
            return new Position(Kind.DEDW, l, n, offset / out, offset % out);
        }
        return new Position(Kind.DEDB, l, n, -1, offset - in * out);
    }

    /** The index of a position, or −1 when the step has no such term. */
    int indexOf(Position p) {
        switch (p.kind()) {
            case Z:
            case A: {
                Segment s = segment(SegmentType.FORWARD, p.layer(), p.sample());
                int size = values.sizes[p.layer()];
                boolean softmax = values.network.layer(p.layer()).activation() == Activation.SOFTMAX;
                int offset = softmax ? (p.kind() == Kind.Z ? p.to() : size + p.to())
                        : 2 * p.to() + (p.kind() == Kind.A ? 1 : 0);
                return at(s, offset);
            }
            case ERROR:
                return at(segment(SegmentType.LOSS, values.depth, p.sample()), p.to());
            case SAMPLE_LOSS:
                return at(segment(SegmentType.LOSS, values.depth, p.sample()), values.sizes[values.depth]);
            case DEDA:
            case DADZ:
            case DELTA: {
                Kind[] kinds = unitKinds(p.layer());
                int k = Arrays.asList(kinds).indexOf(p.kind());
                return k < 0 ? -1 : at(segment(SegmentType.BACKWARD, p.layer(), p.sample()),
                        p.to() * kinds.length + k);
            }
            case DEDW:
            case DEDB: {
                SegmentType type = p.sample() < 0 && values.samples > 1 ? SegmentType.REDUCE
                        : SegmentType.SAMPLE_GRADIENTS;
                int sample = type == SegmentType.REDUCE ? -1 : Math.max(p.sample(), 0);
                int out = values.sizes[p.layer()];
                int offset = p.kind() == Kind.DEDW ? p.from() * out + p.to()
                        : values.sizes[p.layer() - 1] * out + p.to();
                return at(segment(type, p.layer(), sample), offset);
            }
            case BATCH_LOSS:
                return values.samples > 1 ? at(segment(SegmentType.BATCH_LOSS, 0, -1), 0)
                        : at(segment(SegmentType.LOSS, values.depth, 0), values.sizes[values.depth]);
            case NORM:
                return at(segment(SegmentType.NORM, 0, -1), 0);
            default: {
                boolean bias = p.isBias();
                Kind[] kinds = updateKinds(p.layer(), bias);
                int k = Arrays.asList(kinds).indexOf(p.kind());
                if (k < 0) {
                    return -1;
                }
                int element = bias ? p.to() : p.from() * values.sizes[p.layer()] + p.to();
                return at(segment(bias ? SegmentType.UPDATE_BIASES : SegmentType.UPDATE_WEIGHTS, p.layer(), -1),
                        element * kinds.length + k);
            }
        }
    }

    private Segment segment(SegmentType type, int layer, int sample) {
        return byName.get(type + "/" + layer + "/" + sample);
    }

    private static int at(Segment s, int offset) {
        return s == null || offset < 0 || offset >= s.count ? -1 : s.start + offset;
    }

    /** The first index of the block of sample n (its forward pass), or the end of the per-sample part. */
    int sampleStart(int n) {
        if (n >= values.samples) {
            return values.samples > 1 ? segment(SegmentType.BATCH_LOSS, 0, -1).start : perSampleEnd();
        }
        return segment(SegmentType.FORWARD, 1, n).start;
    }

    /** The index after the last per-sample term. */
    int perSampleEnd() {
        Segment last = segment(SegmentType.SAMPLE_GRADIENTS, 1, values.samples - 1);
        return last.start + last.count;
    }

    List<Segment> segments() {
        return segments;
    }
}
