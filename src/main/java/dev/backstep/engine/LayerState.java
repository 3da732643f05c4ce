package dev.backstep.engine;

/**
 * What one layer held after the last forward and backward pass over a batch, one row per sample: the weighted sums
 * z, the activations a, ∂E/∂a, the activation's derivative ∂a/∂z and δ = ∂E/∂z (per sample, before the batch
 * reduction). The trace and the views read these; nothing is recomputed for display.
 *
 * <p>{@code dadz} is NaN for a softmax layer, which has no elementwise derivative (its δ is the simplified y − t).
 */
public record LayerState(Matrix z, Matrix a, Matrix dEda, Matrix dadz, Matrix delta) {
    static LayerState allocate(int rows, int size) {
        return new LayerState(new Matrix(rows, size), new Matrix(rows, size), new Matrix(rows, size),
                new Matrix(rows, size), new Matrix(rows, size));
    }

    LayerState copy() {
        return new LayerState(z.copy(), a.copy(), dEda.copy(), dadz.copy(), delta.copy());
    }
}
