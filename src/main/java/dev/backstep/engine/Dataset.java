package dev.backstep.engine;

/** Rows of inputs with their targets: one sample per row. */
public record Dataset(Matrix inputs, Matrix targets) {
    public Dataset {
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException(
                    inputs.rows() + " input rows but " + targets.rows() + " target rows");
        }
    }

    public int size() {
        return inputs.rows();
    }

    public int inputWidth() {
        return inputs.cols();
    }

    public int targetWidth() {
        return targets.cols();
    }

    /** The samples at {@code indices}, in that order, copied into {@code inputs} and {@code targets}. */
    public void gather(int[] indices, int from, int count, Matrix inputs, Matrix targets) {
        int in = inputWidth();
        int out = targetWidth();
        for (int r = 0; r < count; r++) {
            int sample = indices[from + r];
            System.arraycopy(this.inputs.data(), sample * in, inputs.data(), r * in, in);
            System.arraycopy(this.targets.data(), sample * out, targets.data(), r * out, out);
        }
    }

    /** A deep copy. */
    public Dataset copy() {
        return new Dataset(inputs.copy(), targets.copy());
    }

    /** The rows [from, to) as a new data set. */
    public Dataset slice(int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return select(indices);
    }

    /** The rows at {@code indices}, in that order, as a new data set. */
    public Dataset select(int[] indices) {
        Matrix x = new Matrix(indices.length, inputWidth());
        Matrix t = new Matrix(indices.length, targetWidth());
        gather(indices, 0, indices.length, x, t);
        return new Dataset(x, t);
    }
}
