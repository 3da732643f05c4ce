package dev.backstep.view.chart;

import dev.backstep.view.Fx;
import dev.backstep.io.SampleNetworks;
import dev.backstep.model.LossLog;
import dev.backstep.model.RunState;
import dev.backstep.model.SessionWorker;
import dev.backstep.model.Snapshot;
import dev.backstep.view.Theme;
import dev.backstep.view.ViewSettings;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loss chart after {@code show} of snapshots from a real worker and of made-up histories; no robot. */
class LossChartViewTest {

    /** Trains until at least {@code epochs} epochs are done, showing a snapshot every few milliseconds as frames do. */
    private static Snapshot trainAndShow(String sample, LossChartView view, int epochs) throws Exception {
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load(sample))) {
            worker.play();
            Snapshot s = worker.latest();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (s.trainLossCount() < epochs && System.nanoTime() < deadline) {
                Thread.sleep(15);
                s = worker.latest();
                if (s.state() == RunState.PAUSED) {
                    worker.play(); // past the file's epoch count: go on
                }
                Snapshot frame = s;
                Fx.run(() -> view.show(frame));
            }
            worker.pause();
            Snapshot last = worker.await();
            Fx.run(() -> view.show(last));
            return last;
        }
    }

    private static LossChartView newView(ViewSettings settings) throws Exception {
        return Fx.call(() -> {
            LossChartView view = new LossChartView(settings);
            new Scene(view, 800, 500).snapshot(null); // lay out, so the chart draws
            return view;
        });
    }

    /** {@code base} with another training-loss history, state and message. */
    private static Snapshot with(Snapshot base, long version, LossLog log, int count, RunState state, String message) {
        return new Snapshot(version, base.definition(), base.network(), base.trainingData(), base.testData(),
                base.units(), base.unitSamples(), count, 0, base.stepsPerEpoch(), log, count, base.testLoss(), 0,
                null, 0, false, state, message, 0, Double.POSITIVE_INFINITY, base.optimizer(), base.training(),
                base.notation(), false, false);
    }

    private static Snapshot initial(String sample) throws Exception {
        try (SessionWorker worker = new SessionWorker(SampleNetworks.load(sample))) {
            return worker.latest();
        }
    }

    private static XYPlot plot(LossChartView view) {
        return view.chart().getXYPlot();
    }

    @Test
    void xorTrainingIsThinnedAndEndsAtTheLastEpoch() throws Exception {
        LossChartView view = newView(new ViewSettings());
        Snapshot last = trainAndShow("xor-2-4-1", view, 20_000);
        Fx.run(() -> {
            LossDataset data = view.dataset();
            assertEquals(1, data.getSeriesCount(), "no test set, no test series");
            int n = data.getItemCount(0);
            assertTrue(n <= LossChartView.MAX_POINTS, "bounded: " + n);
            assertTrue(last.trainLossCount() > LossChartView.MAX_POINTS, "the history is longer than the bound");
            assertEquals(last.trainLossCount(), data.getXValue(0, n - 1), 0.0, "last x is the last epoch");
            assertEquals(1.0, data.getXValue(0, 0), 0.0, "first x is epoch 1");
            assertEquals(last.trainLoss().get(last.trainLossCount() - 1), data.getYValue(0, n - 1), 0.0);
            assertEquals(last.trainLossCount(), view.trainSeries().size(), "the whole history is kept");
            assertTrue(view.readoutText().startsWith("epoch " + last.trainLossCount()), view.readoutText());
            assertEquals("", view.warningText());
            assertEquals("loss", plot(view).getRangeAxis().getLabel(), "short, so a small chart never cuts it");
            String title = ((javafx.scene.control.Label) view.lookup("#lossChartTitle")).getText();
            assertTrue(title.contains("half-squared-error"), "the loss's name is in the title: " + title);
            assertEquals("epoch", plot(view).getDomainAxis().getLabel());
        });
    }

    @Test
    void testSeriesOnlyWithATestSet() throws Exception {
        LossChartView view = newView(new ViewSettings());
        Snapshot last = trainAndShow("circle", view, 50);
        Fx.run(() -> {
            LossDataset data = view.dataset();
            assertTrue(last.testLossCount() > 0);
            assertEquals(2, data.getSeriesCount());
            assertEquals(LossDataset.TEST, data.getSeriesKey(1));
            int n = data.getItemCount(1);
            assertEquals(last.testLossCount(), data.getXValue(1, n - 1), 0.0);
            assertEquals(last.trainLossCount(), data.getXValue(0, data.getItemCount(0) - 1), 0.0);
            assertEquals(2, view.chart().getLegend().getItemContainer().getBlocks().size(), "both in the legend");
        });
    }

    @Test
    void appendsOnlyNewValuesAndRebuildsForANewLog() throws Exception {
        Snapshot base = initial("xor-2-4-1");
        LossChartView view = newView(new ViewSettings());
        LossLog log = new LossLog();
        for (int i = 0; i < 5000; i++) {
            log.add(1.0 / (1 + i));
        }
        Fx.run(() -> {
            view.show(with(base, 100, log, 100, RunState.RUNNING, ""));
            assertEquals(100, view.trainSeries().size());
            view.show(with(base, 101, log, 4000, RunState.RUNNING, ""));
            assertEquals(4000, view.trainSeries().size());
            for (int i = 0; i < 4000; i += 97) {
                assertEquals(log.get(i), view.trainSeries().get(i), 0.0);
            }
            LossLog rewritten = log.prefix(10);
            view.show(with(base, 102, rewritten, 10, RunState.PAUSED, ""));
            assertEquals(10, view.trainSeries().size(), "a new log replaces the history");
            assertEquals(10, view.dataset().getItemCount(0));
            assertEquals(10.0, view.dataset().getXValue(0, 9), 0.0);
        });
    }

    @Test
    void aMillionEpochsStayBounded() throws Exception {
        Snapshot base = initial("xor-2-4-1");
        LossChartView view = newView(new ViewSettings());
        LossLog log = new LossLog();
        for (int i = 0; i < 1_000_000; i++) {
            log.add(Math.exp(-i / 1e5) + (i == 654_321 ? 5 : 0));
        }
        Fx.run(() -> {
            view.show(with(base, 1, log, 1_000_000, RunState.RUNNING, ""));
            int n = view.dataset().getItemCount(0);
            assertTrue(n <= LossChartView.MAX_POINTS, "bounded: " + n);
            boolean spike = false;
            for (int i = 0; i < n; i++) {
                spike |= view.dataset().getXValue(0, i) == 654_322;
            }
            assertTrue(spike, "the spike at epoch 654,322 is plotted");
            assertEquals(1_000_000, view.dataset().getXValue(0, n - 1), 0.0);
        });
    }

    @Test
    void logToggleSwitchesTheAxis() throws Exception {
        ViewSettings settings = new ViewSettings();
        LossChartView view = newView(settings);
        trainAndShow("circle", view, 30);
        Fx.run(() -> {
            assertInstanceOf(NumberAxis.class, plot(view).getRangeAxis());
            CheckBox box = (CheckBox) view.lookup("#logScale");
            assertFalse(box.isSelected());
            settings.logLossProperty().set(true);
            assertInstanceOf(LogAxis.class, plot(view).getRangeAxis());
            assertTrue(box.isSelected(), "the check box follows the setting");
            assertTrue(plot(view).getRangeAxis().getLabel().contains("log"));
            box.setSelected(false);
            assertFalse(settings.logLossProperty().get(), "and the setting follows the check box");
            assertInstanceOf(NumberAxis.class, plot(view).getRangeAxis());
            assertFalse(plot(view).getRangeAxis() instanceof LogAxis);
        });
    }

    @Test
    void logScaleLeavesOutZero() throws Exception {
        Snapshot base = initial("xor-2-4-1");
        ViewSettings settings = new ViewSettings();
        settings.logLossProperty().set(true);
        LossChartView view = newView(settings);
        LossLog log = new LossLog();
        log.add(0.5);
        log.add(0.0);
        log.add(0.25);
        Fx.run(() -> {
            view.show(with(base, 1, log, 3, RunState.PAUSED, ""));
            assertInstanceOf(LogAxis.class, plot(view).getRangeAxis());
            assertTrue(Double.isNaN(view.dataset().getYValue(0, 1)), "zero cannot be placed on a log axis");
            assertEquals(0.25, view.dataset().getYValue(0, 2), 0.0);
        });
    }

    @Test
    void nonFiniteLossBreaksTheLineAndWarns() throws Exception {
        Snapshot base = initial("xor-2-4-1");
        LossChartView view = newView(new ViewSettings());
        LossLog log = new LossLog();
        for (int i = 0; i < 100; i++) {
            log.add(i == 41 ? Double.NaN : i > 60 && i < 70 ? Double.POSITIVE_INFINITY : 1.0 / (i + 1));
        }
        Fx.run(() -> {
            view.show(with(base, 1, log, 100, RunState.RUNNING, ""));
            assertTrue(view.warningText().contains("loss is not finite from epoch 42"), view.warningText());
            assertTrue(Double.isNaN(view.dataset().getYValue(0, 41)), "a gap at epoch 42");
            assertTrue(Double.isNaN(view.dataset().getYValue(0, 65)), "a gap for infinity");
            assertEquals(100, view.dataset().getXValue(0, view.dataset().getItemCount(0) - 1), 0.0);
            assertTrue(view.markerShown());
            assertEquals(42, view.markerEpoch(), 0.0);
            // and the chart still takes new values afterwards (it does not freeze)
            LossLog more = new LossLog();
            for (int i = 0; i < 150; i++) {
                more.add(i < 100 ? log.get(i) : 0.001);
            }
            view.show(with(base, 2, more, 150, RunState.RUNNING, ""));
            assertEquals(150, view.dataset().getXValue(0, view.dataset().getItemCount(0) - 1), 0.0);
        });
    }

    @Test
    void divergedRunShowsTheMessageAndMarksTheEpoch() throws Exception {
        Snapshot base = initial("xor-2-4-1");
        LossChartView view = newView(new ViewSettings());
        LossLog log = new LossLog();
        for (int i = 0; i < 6; i++) {
            log.add(Math.pow(10, 50 * i));
        }
        String message = "training diverged in epoch 7: the loss became Infinity; the last finite parameters are "
                + "kept (try a smaller learning rate)";
        Fx.run(() -> {
            view.show(with(base, 1, log, 6, RunState.DIVERGED, message));
            assertTrue(view.warningText().contains(message), view.warningText());
            assertTrue(view.markerShown());
            assertEquals(7, view.markerEpoch(), 0.0);
            // a reset: a fresh log, running again, no warning and no marker
            view.show(with(base, 2, new LossLog(), 0, RunState.PAUSED, ""));
            assertEquals("", view.warningText());
            assertFalse(view.markerShown());
            assertEquals(0, view.dataset().getItemCount(0));
        });
    }

    @Test
    void themeIsAppliedAndReapplied() throws Exception {
        ViewSettings settings = new ViewSettings();
        LossChartView view = newView(settings);
        Fx.run(() -> {
            assertEquals(LossChartView.awt(Theme.LIGHT.background()), view.chart().getBackgroundPaint());
            settings.themeProperty().set(Theme.DARK);
            assertEquals(LossChartView.awt(Theme.DARK.background()), view.chart().getBackgroundPaint());
            assertEquals(LossChartView.awt(Theme.DARK.surface()), plot(view).getBackgroundPaint());
            assertEquals(LossChartView.awt(Theme.DARK.text()), plot(view).getDomainAxis().getLabelPaint());
            assertTrue(plot(view).getDomainAxis().getLabelFont().getSize() >= 14, "legible on a projector");
            assertTrue(plot(view).getRangeAxis().getTickLabelFont().getSize() >= 14);
        });
    }

    @Test
    void logTicksReadAsNumbers() {
        var ticks = LossLogAxis.tickValues(new org.jfree.data.Range(0.07, 0.7), 300);
        assertTrue(ticks.contains(0.1) && ticks.contains(0.2) && ticks.contains(0.5), ticks.toString());
        var wide = LossLogAxis.tickValues(new org.jfree.data.Range(1e-6, 1e3), 300);
        assertTrue(wide.size() >= 3 && wide.size() <= 9, wide.toString());
        var narrow = LossLogAxis.tickValues(new org.jfree.data.Range(0.081, 0.089), 300);
        assertTrue(narrow.size() >= 2, narrow.toString());
        assertEquals("0.05", LossLogAxis.label(0.05));
        assertEquals("10⁻⁵", LossLogAxis.label(1e-5));
        assertEquals("2×10⁻⁵", LossLogAxis.label(2e-5));
    }
}
