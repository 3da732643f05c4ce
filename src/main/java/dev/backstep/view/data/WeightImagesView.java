package dev.backstep.view.data;

import dev.backstep.engine.DenseLayer;
import dev.backstep.engine.Network;
import dev.backstep.model.Snapshot;
import dev.backstep.view.SnapshotView;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Page "weight-images": what each first-layer unit looks for in the input image. One tile per hidden unit, its
 * incoming weights laid out as the input image (8×8 for the digits, 28×28 for MNIST), blue where a bright pixel
 * excites the unit and orange where it inhibits it, with a legend of the shared symmetric scale. Follows training
 * live: repainted from each new snapshot's parameters into reused pixel buffers.
 */
public final class WeightImagesView implements SnapshotView {
    private static final double GAP = 6;
    private static final double BASE_FONT = 14;

    private final ViewSettings settings;
    private final CanvasPane pane = new CanvasPane(this::redraw);
    private FirstLayerImages images;
    private WritableImage strip;
    private int[] diverging;
    private Theme lutTheme;
    private Snapshot shown;

    public WeightImagesView(ViewSettings settings) {
        this.settings = settings;
        pane.setId("weightImages");
        // So tests can reach the view behind its node.
        pane.getProperties().put(WeightImagesView.class, this);
        pane.canvas().setId("weightImagesCanvas");
        settings.themeProperty().addListener((o, a, b) -> redraw());
        settings.fontScaleProperty().addListener((o, a, b) -> redraw());
    }

    @Override
    public Node node() {
        return pane;
    }

    @Override
    public void show(Snapshot snapshot) {
        if (shown != null && shown.network() == snapshot.network()) {
            return;
        }
        shown = snapshot;
        redraw();
    }

    /** The images last painted, for tests; null when the network's inputs are not an image. */
    FirstLayerImages images() {
        return images;
    }

    private void redraw() {
        GraphicsContext g = pane.canvas().getGraphicsContext2D();
        Theme theme = settings.themeProperty().get();
        double w = pane.canvas().getWidth();
        double h = pane.canvas().getHeight();
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (shown == null || w < 50 || h < 50) {
            return;
        }
        double fs = BASE_FONT * settings.fontScaleProperty().get();
        Network network = shown.network();
        DenseLayer first = network.layer(1);
        int side = ImageShape.side(first.inputSize());
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.text());
        g.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, fs * 1.15));
        if (side == 0) {
            images = null;
            g.fillText("First-layer weights as images", fs, fs);
            g.setFont(Font.font(Font.getDefault().getFamily(), fs));
            g.setFill(theme.mutedText());
            g.fillText("This view applies when the inputs form a square image (64 = 8×8, 784 = 28×28).\n"
                    + "This network has " + first.inputSize() + " inputs.", fs, fs * 3);
            return;
        }
        paintImages(first, theme);
        double top = fs * 3.6;
        g.fillText("First hidden layer: " + first.size() + " units, each one's weights from the " + side + "×" + side
                + " input pixels", fs, fs);
        g.setFont(Font.font(Font.getDefault().getFamily(), fs));
        g.setFill(theme.mutedText());
        g.fillText("Blue: a bright pixel there raises the unit's weighted sum z; orange: it lowers it.  Epoch "
                + String.format(java.util.Locale.ROOT, "%,d", shown.epoch()), fs, fs * 2.2);
        double legendHeight = fs * 4.2;
        drawTiles(g, theme, fs, top, w, h - top - legendHeight, network);
        Legend.diverging(g, theme, diverging, images.max(), fs, h - legendHeight + fs * 0.4, w,
                "weight w, the same scale for every unit (larger |w| at full colour)");
    }

    private void paintImages(DenseLayer first, Theme theme) {
        if (images == null || !images.fits(first)) {
            images = new FirstLayerImages(first.inputSize(), first.size());
            strip = new WritableImage(images.side(), images.side() * images.units());
        }
        if (lutTheme != theme) {
            diverging = Palettes.diverging(theme);
            lutTheme = theme;
        }
        images.paint(first, diverging);
        int side = images.side();
        strip.getPixelWriter().setPixels(0, 0, side, side * images.units(), PixelFormat.getIntArgbInstance(),
                images.pixels(), 0, side);
    }

    /** Tiles in the grid that makes them largest in the space given, each labelled with its unit's name. */
    private void drawTiles(GraphicsContext g, Theme theme, double fs, double top, double w, double h,
                           Network network) {
        int n = images.units();
        int side = images.side();
        double left = fs;
        double width = w - 2 * fs;
        double labelHeight = fs * 1.2;
        double best = 0;
        int bestCols = 1;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double tile = Math.min((width - (cols - 1) * GAP) / cols, (h - rows * (GAP + labelHeight)) / rows);
            if (tile > best) {
                best = tile;
                bestCols = cols;
            }
        }
        // Whole screen pixels per image pixel keep the squares even, unless that would shrink the tiles much
        // (28 pixels in a 80-pixel tile would drop to 56).
        double snapped = Math.floor(best / side) * side;
        double tile = snapped >= 0.85 * best ? snapped : Math.max(1, Math.floor(best));
        boolean labels = tile >= fs * 2.5;
        g.setImageSmoothing(false);
        g.setFont(Font.font(Font.getDefault().getFamily(), fs * 0.8));
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(theme.mutedText());
        for (int j = 0; j < n; j++) {
            int col = j % bestCols;
            int row = j / bestCols;
            double x = left + col * (tile + GAP);
            double y = top + row * (tile + GAP + (labels ? labelHeight : 0));
            g.drawImage(strip, 0, j * side, side, side, x, y, tile, tile);
            if (labels) {
                g.fillText(shown.definition().labels().unit(1, j), x + tile / 2, y + tile + 1);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
    }
}
