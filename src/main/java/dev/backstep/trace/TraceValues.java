package dev.backstep.trace;

import dev.backstep.engine.Activation;
import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Optimizer;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Parameter;

import java.util.List;

/**
 * Every number of one training step, computed the way the terms are written: one scalar at a time, sums left to
 * right, in the order a student steps through them. This is Backstep's term-by-term path; it shares no loop with
 * the batched kernels, so comparing the two (to ~10⁻¹²) is a real check of both.
 *
 * <p>Values are kept in the natural convention (δ = ∂E/∂z, Δ = the change applied); notations that write signs
 * differently flip them when terms are built. Per-sample weight gradients of a batch are not stored (a 784-input
 * network at batch 128 would need 14 million of them); {@link #sampleWeightGradient} computes one on request.
 */
final class TraceValues {
    final Network network;
    final Loss loss;
    final OptimizerSettings optimizer;
    final int samples;
    final int depth;
    final int[] sizes;
    final int[] sampleIds;
    /** [layer][sample][unit]; a[0] holds the inputs. */
    final double[][][] z;
    final double[][][] a;
    final double[][][] dEda;
    final double[][][] dadz;
    final double[][][] delta;
    /** [sample][output]. */
    final double[][] target;
    final double[][] error;
    final double[] sampleLoss;
    final double batchLoss;
    /** 1/N for a mean over the batch, 1 for a sum. */
    final double scale;
    /** Per parameter of {@link Network#parameters()}, per element. */
    final double[][] gradient;
    final double[][] effective;
    final double[][] stateBefore1;
    final double[][] stateBefore2;
    final double[][] state1;
    final double[][] state2;
    final double[][] update;
    final double[][] newValue;
    /** Per parameter, the step t of this update (1 for its first): Adam's bias correction, momentum's start. */
    final long[] step;
    final double clipFactor;
    final double gradientNorm;
    final boolean usesEffectiveGradient;

    TraceValues(Network before, Optimizer optimizerBefore, Matrix inputs, Matrix targets, int[] sampleIds) {
        this.network = before.copy();
        this.loss = network.loss();
        this.optimizer = optimizerBefore.settings();
        this.samples = inputs.rows();
        this.sampleIds = sampleIds.clone();
        this.sizes = network.layerSizes();
        this.depth = sizes.length - 1;
        this.scale = network.reduction().scale(samples);
        z = new double[depth + 1][samples][];
        a = new double[depth + 1][samples][];
        dEda = new double[depth + 1][samples][];
        dadz = new double[depth + 1][samples][];
        delta = new double[depth + 1][samples][];
        target = targets.toArray();
        error = new double[samples][];
        sampleLoss = new double[samples];
        double lossSum = 0;
        for (int n = 0; n < samples; n++) {
            a[0][n] = inputs.row(n);
            forward(n);
            lossSum += lossOf(n);
            backward(n);
        }
        batchLoss = lossSum * scale;

        List<Parameter> parameters = network.parameters();
        int count = parameters.size();
        gradient = new double[count][];
        effective = new double[count][];
        stateBefore1 = new double[count][];
        stateBefore2 = new double[count][];
        state1 = new double[count][];
        state2 = new double[count][];
        update = new double[count][];
        newValue = new double[count][];
        for (int p = 0; p < count; p++) {
            int size = parameters.get(p).size();
            gradient[p] = new double[size];
            effective[p] = new double[size];
            stateBefore1[p] = optimizerBefore.firstState(p).clone();
            stateBefore2[p] = optimizerBefore.secondState(p).clone();
            state1[p] = stateBefore1[p].clone();
            state2[p] = stateBefore2[p].clone();
            update[p] = new double[size];
            newValue[p] = parameters.get(p).value().clone();
        }
        reduceGradients();
        step = new long[count];
        for (int p = 0; p < count; p++) {
            step[p] = optimizerBefore.steps(p) + 1;
        }
        usesEffectiveGradient = optimizer.clipValue() > 0 || optimizer.clipNorm() > 0 || optimizer.weightDecay() != 0;
        double[] norm = prepareEffectiveGradients();
        gradientNorm = norm[0];
        clipFactor = norm[1];
        applyRule();
    }

    private void forward(int n) {
        for (int l = 1; l <= depth; l++) {
            DenseLayer layer = network.layer(l);
            double[] in = a[l - 1][n];
            double[] w = layer.weights().value();
            int out = layer.size();
            double[] zs = new double[out];
            for (int j = 0; j < out; j++) {
                double s = 0;
                for (int i = 0; i < in.length; i++) {
                    s += w[i * out + j] * in[i];
                }
                if (layer.hasBias()) {
                    s += layer.bias().value()[j];
                }
                zs[j] = s;
            }
            z[l][n] = zs;
            double[] as = new double[out];
            layer.activation().forward(zs, as, 1, out);
            a[l][n] = as;
        }
    }

    private double lossOf(int n) {
        int k = sizes[depth];
        double[] y = a[depth][n];
        double[] t = target[n];
        error[n] = new double[k];
        for (int i = 0; i < k; i++) {
            error[n][i] = t[i] - y[i];
        }
        sampleLoss[n] = loss.sampleLoss(z[depth][n], y, t, 0, k);
        return sampleLoss[n];
    }

    private void backward(int n) {
        int k = sizes[depth];
        double[] y = a[depth][n];
        double[] t = target[n];
        Activation outAct = network.outputLayer().activation();
        dEda[depth][n] = new double[k];
        dadz[depth][n] = new double[k];
        delta[depth][n] = new double[k];
        loss.outputGradient(y, t, dEda[depth][n], 0, k);
        for (int j = 0; j < k; j++) {
            dadz[depth][n][j] = outAct.isElementwise() ? outAct.derivative(z[depth][n][j], y[j]) : Double.NaN;
        }
        loss.outputDelta(y, t, dEda[depth][n], dadz[depth][n], delta[depth][n], 0, k);
        for (int l = depth - 1; l >= 1; l--) {
            DenseLayer above = network.layer(l + 1);
            Activation f = network.layer(l).activation();
            double[] w = above.weights().value();
            int size = sizes[l];
            int out = sizes[l + 1];
            dEda[l][n] = new double[size];
            dadz[l][n] = new double[size];
            delta[l][n] = new double[size];
            for (int j = 0; j < size; j++) {
                double s = 0;
                for (int q = 0; q < out; q++) {
                    s += w[j * out + q] * delta[l + 1][n][q];
                }
                dEda[l][n][j] = s;
                dadz[l][n][j] = f.derivative(z[l][n][j], a[l][n][j]);
                delta[l][n][j] = s * dadz[l][n][j];
            }
        }
    }

    /** ∂E_n/∂w of one sample for the weight from unit i of layer l − 1 to unit j of layer l. */
    double sampleWeightGradient(int l, int n, int i, int j) {
        return delta[l][n][j] * a[l - 1][n][i];
    }

    private void reduceGradients() {
        for (int l = 1; l <= depth; l++) {
            int in = sizes[l - 1];
            int out = sizes[l];
            double[] gw = gradient[weightIndex(l)];
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    double s = 0;
                    for (int n = 0; n < samples; n++) {
                        s += sampleWeightGradient(l, n, i, j);
                    }
                    gw[i * out + j] = scaled(s);
                }
            }
            if (network.layer(l).hasBias()) {
                double[] gb = gradient[biasIndex(l)];
                for (int j = 0; j < out; j++) {
                    double s = 0;
                    for (int n = 0; n < samples; n++) {
                        s += delta[l][n][j];
                    }
                    gb[j] = scaled(s);
                }
            }
        }
    }

    private double scaled(double sum) {
        return scale == 1.0 ? sum : scale * sum;
    }

    /** Clipping and weight decay as the engine orders them; returns {‖g‖ after value clipping, norm factor}. */
    private double[] prepareEffectiveGradients() {
        List<Parameter> parameters = network.parameters();
        double clip = optimizer.clipValue();
        double squares = 0;
        for (int p = 0; p < parameters.size(); p++) {
            double[] g = effective[p];
            for (int e = 0; e < g.length; e++) {
                double v = gradient[p][e];
                if (clip > 0) {
                    v = Math.max(-clip, Math.min(clip, v));
                }
                g[e] = v;
                if (!parameters.get(p).isFrozen()) {
                    squares += v * v;
                }
            }
        }
        double norm = Math.sqrt(squares);
        double factor = optimizer.clipNorm() > 0 ? optimizer.clipNorm() / (norm + 1e-6) : 1.0;
        for (int p = 0; p < parameters.size(); p++) {
            double[] w = parameters.get(p).value();
            double[] g = effective[p];
            for (int e = 0; e < g.length; e++) {
                if (factor < 1.0) {
                    g[e] *= factor;
                }
                if (optimizer.weightDecay() != 0) {
                    g[e] += optimizer.weightDecay() * w[e];
                }
            }
        }
        return new double[] {norm, Math.min(factor, 1.0)};
    }

    private void applyRule() {
        List<Parameter> parameters = network.parameters();
        double lr = optimizer.learningRate();
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            if (parameter.isFrozen()) {
                continue;
            }
            double[] w = parameter.value();
            for (int e = 0; e < w.length; e++) {
                double g = effective[p][e];
                double delta;
                switch (optimizer.kind()) {
                    case SGD:
                        delta = -lr * g;
                        break;
                    case MOMENTUM:
                        state1[p][e] = step[p] == 1 ? g : optimizer.momentum() * stateBefore1[p][e] + g;
                        delta = -lr * state1[p][e];
                        break;
                    case NESTEROV:
                        state1[p][e] = step[p] == 1 ? g : optimizer.momentum() * stateBefore1[p][e] + g;
                        delta = -lr * (g + optimizer.momentum() * state1[p][e]);
                        break;
                    case ADAGRAD:
                        state1[p][e] = stateBefore1[p][e] + g * g;
                        delta = -lr * g / (Math.sqrt(state1[p][e]) + optimizer.epsilon());
                        break;
                    case RMSPROP:
                        state1[p][e] = optimizer.rho() * stateBefore1[p][e] + (1 - optimizer.rho()) * g * g;
                        delta = -lr * g / (Math.sqrt(state1[p][e]) + optimizer.epsilon());
                        break;
                    case ADAM:
                        state1[p][e] = optimizer.beta1() * stateBefore1[p][e] + (1 - optimizer.beta1()) * g;
                        state2[p][e] = optimizer.beta2() * stateBefore2[p][e] + (1 - optimizer.beta2()) * g * g;
                        delta = -lr * mHat(p, e) / (Math.sqrt(vHat(p, e)) + optimizer.epsilon());
                        break;
                    default:
                        throw new AssertionError(optimizer.kind());
                }
                update[p][e] = delta;
                newValue[p][e] = w[e] + delta;
            }
        }
    }

    double mHat(int p, int e) {
        return state1[p][e] / (1 - Math.pow(optimizer.beta1(), step[p]));
    }

    double vHat(int p, int e) {
        return state2[p][e] / (1 - Math.pow(optimizer.beta2(), step[p]));
    }

    /** Index in {@link Network#parameters()} of layer l's weights. */
    int weightIndex(int layer) {
        int index = 0;
        for (int l = 1; l < layer; l++) {
            index += network.layer(l).hasBias() ? 2 : 1;
        }
        return index;
    }

    /** Index of layer l's bias (the layer must have one). */
    int biasIndex(int layer) {
        return weightIndex(layer) + 1;
    }

    Parameter parameter(int index) {
        return network.parameters().get(index);
    }
}
