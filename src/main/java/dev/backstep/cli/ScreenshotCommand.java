package dev.backstep.cli;

import dev.backstep.app.AppWindow;
import dev.backstep.controller.AppController;
import dev.backstep.io.NetworkDefinition;
import dev.backstep.model.Snapshot;
import dev.backstep.view.GraphMode;
import dev.backstep.view.Theme;
import dev.backstep.view.formula.LatexImages;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code screenshot FILE --out DIR [--epochs N] [--term K|KEY] [--mode weights|gradients|updates]
 * [--size WxH] [--theme light|dark|high-contrast] [--scale S] [--spotlight] [--svg] [--name NAME]}: renders the main
 * window without a display (Monocle, software rendering) to DIR/NAME.png, after training N epochs and revealing terms
 * up to the K-th (or the one with KEY, such as {@code delta(h2)}); with --svg also the layer graph as
 * DIR/NAME-graph.svg.
 */
final class ScreenshotCommand implements Command {
    @Override
    public String synopsis() {
        return "screenshot FILE --out DIR [--epochs N] [--term K|KEY] [--mode weights|gradients|updates]"
                + " [--size WxH] [--theme light|dark|high-contrast] [--scale 1|1.25|1.5|2] [--spotlight] [--svg]"
                + " [--view ID] [--name NAME]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse("screenshot", args,
                Set.of("--out", "--epochs", "--term", "--mode", "--size", "--theme", "--scale", "--view", "--name"), Set.of("--spotlight", "--svg"));
        String file = a.single("screenshot", "network FILE");
        if (!a.has("--out")) {
            throw new UsageException("screenshot: --out DIR is required");
        }
        Path dir = Path.of(a.option("--out", "."));
        long epochs = a.longOption("screenshot", "--epochs", 0, 0, Long.MAX_VALUE);
        String term = a.option("--term", null);
        GraphMode mode = mode(a.option("--mode", "weights"));
        Theme theme = Theme.byId(a.option("--theme", "light"));
        if (theme == null) {
            throw new UsageException("screenshot: --theme expects light, dark or high-contrast, got \""
                    + a.option("--theme", "") + "\"");
        }
        boolean spotlight = a.flag("--spotlight");
        boolean svg = a.flag("--svg");
        double[] size = size(a.option("--size", "1440x900"));
        double scale = scale(a.option("--scale", "1"));
        String view = a.option("--view", null);
        NetworkDefinition definition = NetworkSource.load(file, OptionalLong.empty());
        String name = a.option("--name", definition.name());
        Files.createDirectories(dir);
        Path target = dir.resolve(name + ".png");

        startHeadless();
        LatexImages.preload();
        CompletableFuture<AppWindow> built = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                AppWindow window = new AppWindow(stage, definition, null, size[0], size[1]);
                window.settings().graphModeProperty().set(mode);
                window.settings().themeProperty().set(theme);
                window.settings().fontScaleProperty().set(scale);
                window.settings().spotlightProperty().set(spotlight);
                stage.show();
                built.complete(window);
            } catch (RuntimeException e) {
                built.completeExceptionally(e);
            }
        });
        AppWindow window = built.get(30, TimeUnit.SECONDS);
        try {
            if (view != null) {
                boolean[] found = new boolean[1];
                onFx(() -> found[0] = window.mainWindow().select(view));
                if (!found[0]) {
                    throw new UsageException("screenshot: --view " + view + " names no page or side tab of "
                            + definition.name());
                }
            }
            if (epochs > 0) {
                window.session().worker().trainEpochs(epochs);
            }
            if (term != null) {
                seek(window, term);
            }
            Snapshot s = window.session().worker().await();
            if (view != null && window.mainWindow().view(view) != null) {
                onFx(() -> {
                    window.redraw();
                    window.mainWindow().view(view).prepareScreenshot(s.epoch());
                });
            }
            if (term != null && s.currentTerm() == null) {
                throw new UsageException("screenshot: --term " + term + " does not name a term of this step");
            }
            // Two rounds of layout and drawing: charts and canvases size themselves on the first.
            for (int round = 0; round < 2; round++) {
                onFx(window::redraw);
                Thread.sleep(150);
            }
            CompletableFuture<Void> written = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    window.redraw();
                    AppController.writePng(window.scene().snapshot(null), target);
                    if (svg) {
                        window.controller().exportGraphSvgTo(dir.resolve(name + "-graph.svg"));
                    }
                    written.complete(null);
                } catch (Exception e) {
                    written.completeExceptionally(e);
                }
            });
            written.get(30, TimeUnit.SECONDS);
            out.printf(Locale.ROOT, "%s: %s after %d epochs%s, %s mode, %s theme%n", target, definition.name(),
                    s.epoch(), s.currentTerm() == null ? "" : ", at term " + s.currentTerm().key(),
                    mode.name().toLowerCase(Locale.ROOT), theme.id());
        } finally {
            onFx(() -> window.stage().close());
        }
        return 0;
    }

    private static void seek(AppWindow window, String term) {
        try {
            int k = Integer.parseInt(term);
            if (k < 1) {
                throw new IllegalArgumentException();
            }
            window.session().worker().seek(k);
        } catch (NumberFormatException e) {
            window.session().worker().seekTerm(term);
        }
    }

    private static GraphMode mode(String name) throws UsageException {
        for (GraphMode m : GraphMode.values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new UsageException("screenshot: --mode expects weights, gradients or updates, got \"" + name + "\"");
    }

    private static double scale(String text) throws UsageException {
        for (String allowed : new String[] {"1", "1.25", "1.5", "2"}) {
            if (allowed.equals(text)) {
                return Double.parseDouble(text);
            }
        }
        throw new UsageException("screenshot: --scale expects 1, 1.25, 1.5 or 2, got \"" + text + "\"");
    }

    private static double[] size(String text) throws UsageException {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            double w = Integer.parseInt(parts[0]);
            double h = Integer.parseInt(parts[1]);
            if (parts.length == 2 && w >= 640 && h >= 400 && w <= 7680 && h <= 4320) {
                return new double[] {w, h};
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new UsageException("screenshot: --size expects WIDTHxHEIGHT from 640x400 to 7680x4320, got \"" + text
                + "\"");
    }

    /** Starts JavaFX on Monocle's headless screen with software rendering, unless it is already running. */
    static void startHeadless() throws InterruptedException {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        // Monocle's headless screen is 1280×800 unless told otherwise; a larger window would overflow it.
        System.setProperty("headless.geometry", "7680x4320-32");
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        Platform.setImplicitExit(false);
        started.await();
    }

    private static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }
}
