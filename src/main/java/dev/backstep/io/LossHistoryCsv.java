package dev.backstep.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The loss per epoch as CSV: {@code epoch,train_loss[,test_loss]}, every value in its shortest exact form. */
public final class LossHistoryCsv {
    private LossHistoryCsv() {
    }

    /**
     * @param test the test loss per epoch, or null without a test set; may be shorter than {@code train}
     */
    public static String toCsv(double[] train, double[] test) {
        StringBuilder out = new StringBuilder(test == null ? "epoch,train_loss\r\n" : "epoch,train_loss,test_loss\r\n");
        for (int e = 0; e < train.length; e++) {
            out.append(e + 1).append(',').append(train[e]);
            if (test != null) {
                out.append(',');
                if (e < test.length) {
                    out.append(test[e]);
                }
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** Writes the CSV atomically. */
    public static void write(Path path, double[] train, double[] test) throws IOException {
        AtomicFiles.write(path, toCsv(train, test).getBytes(StandardCharsets.UTF_8));
    }
}
