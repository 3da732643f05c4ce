package dev.backstep.view.formula;

import static dev.backstep.view.formula.FxSupport.onFx;
import static dev.backstep.view.formula.FxSupport.runFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backstep.engine.Activation;
import dev.backstep.engine.Dataset;
import dev.backstep.engine.Loss;
import dev.backstep.engine.Matrix;
import dev.backstep.engine.Network;
import dev.backstep.engine.Optimizer;
import dev.backstep.engine.OptimizerSettings;
import dev.backstep.engine.Reduction;
import dev.backstep.model.Snapshot;
import dev.backstep.trace.NetworkLabels;
import dev.backstep.trace.Notation;
import dev.backstep.trace.StepTrace;
import dev.backstep.trace.Term;
import dev.backstep.view.ViewSettings;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListCell;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The term list over an MNIST-sized step (784-128-10, a batch of 8: over a million terms) builds only the terms of
 * the rows on screen, counted through the list's own counter, never by timing.
 */
class TermListViewTest {
    private static final int IN = 784;
    private static final int HIDDEN = 128;
    private static final int OUT = 10;
    private static final int BATCH = 8;
    /** Rows on screen in a 600 px list, with a generous margin for the cells the flow keeps around. */
    private static final int FEW = 120;

    private static StepTrace trace;

    @BeforeAll
    static void build() throws InterruptedException {
        FxSupport.start();
        Network network = new Network(new int[] {IN, HIDDEN, OUT}, new Activation[] {Activation.RELU,
            Activation.SOFTMAX}, new boolean[] {true, true}, Loss.CROSS_ENTROPY, Reduction.MEAN);
        Random random = new Random(7);
        for (var p : network.parameters()) {
            double[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.05 * random.nextGaussian();
            }
        }
        double[][] x = new double[BATCH][IN];
        double[][] t = new double[BATCH][OUT];
        for (int n = 0; n < BATCH; n++) {
            for (int i = 0; i < IN; i++) {
                x[n][i] = random.nextDouble() < 0.8 ? 0 : random.nextDouble();
            }
            t[n][random.nextInt(OUT)] = 1;
        }
        int[] samples = new int[BATCH];
        for (int n = 0; n < BATCH; n++) {
            samples[n] = n;
        }
        trace = StepTrace.of(network, new Optimizer(OptimizerSettings.sgd(0.1), network.parameters()),
                new Dataset(Matrix.of(x), Matrix.of(t)), samples, NetworkLabels.defaults(network), Notation.Z_A);
        assertTrue(trace.size() > 1_000_000, "an MNIST-sized batch has over a million terms: " + trace.size());
    }

    private static TermListView list(Snapshot snapshot) throws Exception {
        return onFx(() -> {
            TermListView list = new TermListView(new ViewSettings());
            new Scene(list, 360, 600);
            list.show(snapshot);
            list.applyCss();
            list.layout();
            return list;
        });
    }

    @Test
    void hasOneItemPerTermButBuildsOnlyTheVisibleOnes() throws Exception {
        int position = 300;
        TermListView list = list(FxSupport.snapshotOf(trace, position));
        assertEquals(trace.size(), onFx(() -> list.getItems().size()));
        assertEquals(Integer.valueOf(123_456), onFx(() -> list.getItems().get(123_456)), "items are indices");
        assertEquals(123_456, onFx(() -> list.getItems().indexOf(123_456)), "found without a scan");
        long built = list.termsBuilt();
        assertTrue(built > 0 && built < FEW, built + " terms built");

        assertEquals(position - 1, onFx(() -> list.getSelectionModel().getSelectedIndex()));
        assertTrue(onFx(() -> isOnScreen(list, position - 1)), "the current term is scrolled into view");
    }

    @Test
    void followsThePositionAcrossTheTraceBuildingOnlyWhatItShows() throws Exception {
        TermListView list = list(FxSupport.snapshotOf(trace, 1));
        int far = trace.size() - 5;
        Snapshot there = FxSupport.snapshotOf(trace, far);
        runFx(() -> {
            list.show(there);
            list.layout();
        });
        assertEquals(far - 1, onFx(() -> list.getSelectionModel().getSelectedIndex()));
        assertTrue(onFx(() -> isOnScreen(list, far - 1)));
        assertTrue(list.termsBuilt() < 2 * FEW, list.termsBuilt() + " terms built");

        // Showing the same trace and position again does nothing.
        var items = onFx(list::getItems);
        long built = list.termsBuilt();
        runFx(() -> {
            list.show(FxSupport.snapshotOf(trace, far));
            list.layout();
        });
        assertSame(items, onFx(list::getItems));
        assertEquals(built, list.termsBuilt());
    }

    @Test
    void linesShowSymbolAndValueAndDimTheTermsStillToCome() throws Exception {
        int position = 40;
        TermListView list = list(FxSupport.snapshotOf(trace, position));
        List<ListCell<?>> cells = onFx(() -> visibleCells(list));
        assertFalse(cells.isEmpty());
        PseudoClass unrevealed = PseudoClass.getPseudoClass("unrevealed");
        for (ListCell<?> cell : cells) {
            int index = cell.getIndex();
            assertEquals(index >= position, cell.getPseudoClassStates().contains(unrevealed), "row " + index);
        }
        Term term = trace.term(position - 1);
        assertEquals((position) + "  " + TermListView.initial(term.phase()) + "  " + term.symbol().text() + " = "
                + dev.backstep.trace.Numbers.format(term.value(), true), TermListView.line(term));
    }

    @Test
    void pickingATermSeeksToThePositionThatRevealsIt() throws Exception {
        TermListView list = list(FxSupport.snapshotOf(trace, 10));
        AtomicInteger seek = new AtomicInteger(-1);
        runFx(() -> {
            list.setOnSeek(seek::set);
            list.getSelectionModel().clearAndSelect(24); // as a click on row 25 does
        });
        assertEquals(25, seek.get());

        // Showing a snapshot moves the selection without seeking.
        seek.set(-1);
        runFx(() -> list.show(FxSupport.snapshotOf(trace, 12)));
        assertEquals(-1, seek.get());
        assertEquals(11, onFx(() -> list.getSelectionModel().getSelectedIndex()));
    }

    @Test
    void withoutATraceItIsEmptyWithAHint() throws Exception {
        TermListView list = list(null);
        assertEquals(0, onFx(() -> list.getItems().size()));
        assertNotNull(onFx(() -> list.lookup("#termListPlaceholder")));
        assertEquals(0, list.termsBuilt());
    }

    private static boolean isOnScreen(TermListView list, int index) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        return first != null && last != null && first.getIndex() <= index && index <= last.getIndex();
    }

    private static List<ListCell<?>> visibleCells(TermListView list) {
        List<ListCell<?>> out = new ArrayList<>();
        list.lookupAll(".list-cell").forEach(n -> {
            if (n instanceof ListCell<?> c && c.isVisible() && !c.isEmpty() && c.getIndex() >= 0) {
                out.add(c);
            }
        });
        return out;
    }
}
