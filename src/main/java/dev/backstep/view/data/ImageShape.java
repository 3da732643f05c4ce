package dev.backstep.view.data;

/**
 * How a sample's inputs (or a unit's incoming weights) are laid out as a square image, row by row: input
 * {@code y·side + x} is pixel (x, y), as MNIST and the 8×8 digits store their pixels.
 */
public final class ImageShape {
    private ImageShape() {
    }

    /** The side of the square image for {@code inputs} values, or 0 when they do not form a square (or are fewer than 4). */
    public static int side(int inputs) {
        int side = (int) Math.round(Math.sqrt(inputs));
        return inputs >= 4 && side * side == inputs ? side : 0;
    }

    /** The input index of pixel (x, y). */
    public static int input(int side, int x, int y) {
        return y * side + x;
    }
}
