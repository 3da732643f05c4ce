package dev.backstep.engine;

import java.util.Arrays;
import java.util.List;

/**
 * The forward pass, the loss and the backward pass of a network over one batch, written with matrix kernels:
 * <pre>
 *   forward   z⁽ˡ⁾ = a⁽ˡ⁻¹⁾ W⁽ˡ⁾ + b⁽ˡ⁾,  a⁽ˡ⁾ = f(z⁽ˡ⁾)
 *   output    δ⁽ᴸ⁾ = ∂E/∂a⁽ᴸ⁾ ⊙ f′(z⁽ᴸ⁾)   (or the simplified y − t of the cross-entropy pairs)
 *   backward  ∂E/∂a⁽ˡ⁻¹⁾ = δ⁽ˡ⁾ W⁽ˡ⁾ᵀ,  δ⁽ˡ⁻¹⁾ = ∂E/∂a⁽ˡ⁻¹⁾ ⊙ f′(z⁽ˡ⁻¹⁾)
 *   gradients ∂E/∂W⁽ˡ⁾ = s · a⁽ˡ⁻¹⁾ᵀ δ⁽ˡ⁾,  ∂E/∂b⁽ˡ⁾ = s · Σ_rows δ⁽ˡ⁾   with s = 1/N (mean) or 1 (sum)
 * </pre>
 * δ is kept per sample; the reduction over the batch enters only the parameter gradients, so the per-sample terms a
 * student steps through are exactly what the batch gradient averages.
 */
public final class BackPropagation {
    private BackPropagation() {
    }

    /** Runs the forward pass of {@code input} (rows = workspace rows) and keeps z and a of every layer. */
    public static void forward(Network network, Matrix input, Workspace workspace) {
        Matrix.requireShape(input, workspace.rows(), network.inputSize(), "input batch");
        workspace.setInput(input);
        Matrix previous = input;
        List<DenseLayer> layers = network.layers();
        // Indexed, not for-each: an iterator per pass is XOR's only allocation (96 bytes an epoch).
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            LayerState state = workspace.layer(layer.index());
            MatrixMultiply.mult(previous, layer.weightMatrix(), state.z());
            if (layer.hasBias()) {
                MatrixOps.addRowVector(state.z(), layer.bias().value());
            }
            layer.activation().forward(state.z().data(), state.a().data(), workspace.rows(), layer.size());
            previous = state.a();
        }
    }

    /** Each sample's loss into the workspace, and the reduced batch loss (after {@link #forward}). */
    public static double loss(Network network, Matrix target, Workspace workspace) {
        int k = network.outputSize();
        Matrix.requireShape(target, workspace.rows(), k, "target batch");
        workspace.setTarget(target);
        LayerState out = workspace.layer(network.layers().size());
        double[] z = out.z().data();
        double[] y = out.a().data();
        double[] t = target.data();
        double[] sampleLoss = workspace.sampleLoss();
        double sum = 0;
        for (int r = 0; r < workspace.rows(); r++) {
            double e = network.loss().sampleLoss(z, y, t, r * k, k);
            sampleLoss[r] = e;
            sum += e;
        }
        return sum * network.reduction().scale(workspace.rows());
    }

    /** The backward pass (after {@link #loss}): δ and ∂E/∂a per layer, and every parameter's gradient. */
    public static void backward(Network network, Workspace workspace) {
        List<DenseLayer> layers = network.layers();
        int rows = workspace.rows();
        double scale = network.reduction().scale(rows);
        outputDelta(network, workspace);
        for (int l = layers.size(); l >= 1; l--) {
            DenseLayer layer = layers.get(l - 1);
            LayerState state = workspace.layer(l);
            Matrix previous = workspace.activationsBefore(l);
            Matrix gradient = Matrix.wrap(layer.inputSize(), layer.size(), layer.weights().gradient());
            MatrixMultiply.multTransA(previous, state.delta(), gradient);
            MatrixOps.scale(gradient.data(), scale);
            if (layer.hasBias()) {
                double[] db = layer.bias().gradient();
                MatrixOps.columnSums(state.delta(), db);
                MatrixOps.scale(db, scale);
            }
            if (l > 1) {
                LayerState below = workspace.layer(l - 1);
                Activation f = layers.get(l - 2).activation();
                MatrixMultiply.multTransB(state.delta(), layer.weightMatrix(), below.dEda());
                int n = rows * below.z().cols();
                f.derivative(below.z().data(), below.a().data(), below.dadz().data(), n);
                MatrixOps.multiplyElementwise(below.dEda().data(), below.dadz().data(), below.delta().data(), n);
            }
        }
    }

    private static void outputDelta(Network network, Workspace workspace) {
        DenseLayer layer = network.outputLayer();
        LayerState out = workspace.layer(layer.index());
        int k = layer.size();
        int n = workspace.rows() * k;
        double[] y = out.a().data();
        double[] t = workspace.target().data();
        double[] dEdy = out.dEda().data();
        double[] dadz = out.dadz().data();
        if (layer.activation().isElementwise()) {
            layer.activation().derivative(out.z().data(), y, dadz, n);
        } else {
            Arrays.fill(dadz, 0, n, Double.NaN);
        }
        Loss loss = network.loss();
        for (int r = 0; r < workspace.rows(); r++) {
            loss.outputGradient(y, t, dEdy, r * k, k);
            loss.outputDelta(y, t, dEdy, dadz, out.delta().data(), r * k, k);
        }
    }
}
