package dev.backstep.view;

import dev.backstep.model.Session;
import dev.backstep.model.Snapshot;
import dev.backstep.view.boundary.DecisionBoundaryView;
import dev.backstep.view.chart.LossChartView;
import dev.backstep.view.formula.FormulaPanel;
import dev.backstep.view.formula.TermListView;
import dev.backstep.view.graph.EditRequest;
import dev.backstep.view.graph.GraphControls;
import dev.backstep.view.graph.LayerGraphView;
import dev.backstep.view.timeline.TimelineBar;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;

/**
 * The main window's layout: the layer graph in the middle (the network is the subject of every lecture), the
 * decision boundary and the loss chart beside it, the current term's formula and the term list below, the controls
 * on top. Builds itself; {@link #show} hands each frame's snapshot to every view.
 */
public final class MainWindow {
    /** The root font size at scale 1, in px (app.css sizes everything else in em). */
    private static final double BASE_FONT = 14;
    private static final double FORMULA_SIZE = 28;
    private static final double MIN_BOTTOM_HEIGHT = 120;
    /** The formula panel's height at ×1: at least the "Ready" text and a one-line term, at most a whole fraction. */
    static final double MIN_FORMULA_HEIGHT = 195;
    /**
     * The same above ×1, in units of the scale: the graph seldom reaches the scale asked for (it keeps every unit), so
     * the formula, which does, gets the room a lecture needs for a fraction and its value.
     */
    static final double MIN_SCALED_FORMULA_HEIGHT = 240;
    /** The loss chart's least height at ×1: its title row, legend, a plot and the epoch axis. */
    private static final double MIN_CHART_HEIGHT = 175;
    /** The side column's share for the boundary (and the other side tabs) above the loss chart. */
    private static final double BOUNDARY_SHARE = 0.6;
    private static final double NO_BOUNDARY_SHARE = 0.36;
    static final double MAX_FORMULA_HEIGHT = 330;
    /** The graph's height at ×1 besides its units: show buttons, captions, legend band, timeline; the bias row. */
    static final double GRAPH_CHROME_HEIGHT = 207;
    static final double BIAS_ROW_HEIGHT = 35;
    /** The height per unit of the tallest column with comfortable (31 px) circles that carry their value. */
    static final double UNIT_PITCH = 72;
    /**
     * The least height for the units of a network with biases: what a 2-2-2 network needs for the values written on
     * its edges, whose bias edges come down steeply from the bias row.
     */
    static final double LABELLED_UNITS_HEIGHT = 250;
    private final ViewSettings settings;
    private final Session session;
    private final UserActions actions;
    private final BorderPane root = new BorderPane();
    private final SplitPane content;
    /** The side tabs above the loss chart. */
    private SplitPane sideSplit;
    private final ControlBar controls;
    private final StatusBar status;
    private final LayerGraphView graph;
    private final TimelineBar timeline;
    private final Label title = new Label();
    private final Label description = new Label();
    private final TabPane side;
    private final StackPane chartSlot = new StackPane();
    private final StackPane formulaSlot = new StackPane();
    private final StackPane termsSlot = new StackPane();
    /** The pages of the window: the network page first, then any added with {@link #addPage}. */
    private final TabPane pages = new TabPane();
    private final java.util.Map<Tab, SnapshotView> extraViews = new java.util.HashMap<>();
    /** Built after the first frame; null until then. */
    private Details details;
    private Snapshot latest;
    private long frame;

    /** The views that are not needed for the first frame: heavy to build (JFreeChart, JLaTeXMath, list skins). */
    private record Details(DecisionBoundaryView boundary, LossChartView chart, FormulaPanel formula,
                           TermListView terms, InspectorView inspector) {
    }

    public MainWindow(Session session, ViewSettings settings, UserActions actions, ObservableList<Path> recent) {
        this.settings = settings;
        this.session = session;
        this.actions = actions;
        controls = new ControlBar(session, actions);
        status = new StatusBar(session);
        graph = new LayerGraphView(settings);

        title.setId("networkTitle");
        title.getStyleClass().add("pane-title");
        description.setId("networkDescription");
        description.getStyleClass().add("description");
        description.setWrapText(true);
        description.setMaxHeight(Double.MAX_VALUE);
        BorderPane graphPane = new BorderPane(graph);
        GraphControls graphControls = new GraphControls(settings);
        graphPane.setTop(graphControls);
        timeline = new TimelineBar(settings, actions);
        graphPane.setBottom(timeline);
        VBox about = new VBox(title, description);
        about.setId("networkAbout");
        javafx.scene.control.ScrollPane aboutScroll = new javafx.scene.control.ScrollPane(about);
        aboutScroll.setFitToWidth(true);

        side = new TabPane(tab("Decision boundary", new StackPane()), tab("Inspector", new StackPane()),
                tab("Network", aboutScroll));
        side.setId("sideTabs");
        String[] sideIds = {"boundary", "inspector", "about"};
        for (int i = 0; i < sideIds.length; i++) {
            side.getTabs().get(i).setId(sideIds[i]);
        }
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane right = new SplitPane(side, chartSlot);
        sideSplit = right;
        right.setOrientation(Orientation.VERTICAL);
        // The boundary's plot and legend need more height than the loss curve, which keeps room for its title row.
        right.setDividerPositions(BOUNDARY_SHARE);
        // ... but never so much that the boundary above it is starved in a low window at a large scale.
        chartSlot.minHeightProperty().bind(javafx.beans.binding.Bindings.min(
                settings.fontScaleProperty().multiply(MIN_CHART_HEIGHT), right.heightProperty().multiply(0.45)));
        SplitPane top = new SplitPane(graphPane, right);
        top.setDividerPositions(0.62);
        // The divider decides the formula's height (it scrolls), not the formula's wish at a large scale.
        formulaSlot.setMinHeight(MIN_BOTTOM_HEIGHT);
        termsSlot.setMinHeight(MIN_BOTTOM_HEIGHT);
        SplitPane bottom = new SplitPane(formulaSlot, termsSlot);
        bottom.setDividerPositions(0.68);
        content = new SplitPane(top, bottom);
        content.setId("content");
        content.setOrientation(Orientation.VERTICAL);
        content.setDividerPositions(0.645);

        MainMenu menu = new MainMenu(session, settings, actions, recent);
        root.setTop(new VBox(menu, controls));
        Tab networkPage = tab("Network", content);
        networkPage.setId("networkPage");
        pages.getTabs().add(networkPage);
        pages.setId("pages");
        pages.getStyleClass().add("pages");
        pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pages.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showExtra(b));
        root.setCenter(pages);
        root.setBottom(status);
        root.setId("mainWindow");

        graph.setOnEditRequest(request -> edit(request, actions));
        settings.themeProperty().addListener((o, a, b) -> applyTheme(root.getScene()));
        side.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (latest != null && details != null) {
                showSideTab(latest);
            }
        });
        side.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showExtra(b));
        settings.showFpsProperty().addListener((o, a, b) -> controls.show(session.snapshot(), 0, b));
        settings.fontScaleProperty().addListener(o -> applyScale());
        applyScale();
        // Presentation: the audience needs the network, the formula and the buttons, not menus and settings.
        for (Node chrome : new Node[] {menu, graphControls, status}) {
            chrome.visibleProperty().bind(settings.presentationProperty().not());
            chrome.managedProperty().bind(chrome.visibleProperty());
        }
    }

    /** Every font of the controls follows the root's size (the stylesheets size text in em); icons and formulas too. */
    private void applyScale() {
        double scale = settings.fontScaleProperty().get();
        root.setStyle("-fx-font-size: " + BASE_FONT * scale + "px;");
        controls.setIconScale(scale);
        if (latest != null) {
            fitSplitToNetwork(latest);
        }
        if (details != null) {
            details.formula().formulaSizeProperty().set(FORMULA_SIZE * scale);
        }
    }

    /**
     * Builds the boundary, the loss chart, the formula panel, the term list and the inspector. The app calls this
     * right after the window's first frame, so the window appears as soon as the graph and the controls are ready;
     * tests and screenshots call it at once. Calling it again does nothing.
     */
    public void buildDetails() {
        if (details != null) {
            return;
        }
        FormulaPanel formula = new FormulaPanel(settings);
        formula.formulaSizeProperty().set(FORMULA_SIZE * settings.fontScaleProperty().get());
        details = new Details(new DecisionBoundaryView(settings), new LossChartView(settings), formula,
                new TermListView(settings), new InspectorView(settings));
        side.getTabs().get(0).setContent(new dev.backstep.view.boundary.BoundaryEditor(details.boundary(), session,
                settings, actions));
        side.getTabs().get(1).setContent(details.inspector());
        chartSlot.getChildren().setAll(details.chart());
        formulaSlot.getChildren().setAll(details.formula());
        termsSlot.getChildren().setAll(details.terms());
        graph.setOnSelect(element -> {
            details.inspector().selectedProperty().set(element.toTraceElement());
            side.getSelectionModel().select(1);
        });
        details.formula().setOnSeek(actions::seek);
        details.terms().setOnSeek(actions::seek);
        if (session.snapshot() != null) {
            Snapshot s = session.snapshot();
            details.chart().show(s);
            details.formula().show(s);
            details.terms().show(s);
            showSideTab(s);
        }
    }

    /** Adds a view as a tab beside the decision boundary and the inspector; drawn only while its tab is selected. */
    public Tab addSideTab(String title, String id, SnapshotView view) {
        Tab tab = tab(title, view.node());
        tab.setId(id);
        side.getTabs().add(tab);
        extraViews.put(tab, view);
        return tab;
    }

    /** Adds a page beside the network page (the optimizer race, the seeds' demos); drawn only while selected. */
    public Tab addPage(String title, String id, SnapshotView view) {
        Tab tab = tab(title, view.node());
        tab.setId(id);
        pages.getTabs().add(tab);
        extraViews.put(tab, view);
        return tab;
    }

    /** Selects a side tab or a page by its id (menus, tests, screenshots); false when no tab has that id. */
    public boolean select(String id) {
        for (TabPane pane : new TabPane[] {pages, side}) {
            for (Tab tab : pane.getTabs()) {
                if (id.equals(tab.getId())) {
                    pane.getSelectionModel().select(tab);
                    if (pane == side) {
                        pages.getSelectionModel().select(0);
                    }
                    return true;
                }
            }
        }
        return false;
    }

    /** The page or side tab added with that id, or null (screenshots prepare it; tests look inside). */
    public SnapshotView view(String id) {
        for (java.util.Map.Entry<Tab, SnapshotView> e : extraViews.entrySet()) {
            if (id.equals(e.getKey().getId())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The selected page's title, for tests. */
    public String selectedPage() {
        return pages.getSelectionModel().getSelectedItem().getText();
    }

    private void showExtra(Tab tab) {
        SnapshotView view = tab == null ? null : extraViews.get(tab);
        if (view != null && latest != null) {
            view.show(latest);
        }
    }

    private static Tab tab(String text, Node node) {
        Tab tab = new Tab(text, node);
        tab.setClosable(false);
        return tab;
    }

    private static void edit(EditRequest request, UserActions actions) {
        switch (request.target()) {
            case WEIGHT:
                actions.editWeight(request.layer(), request.from(), request.to(), request.value());
                break;
            case BIAS:
                actions.editBias(request.layer(), request.to(), request.value());
                break;
            case INPUT:
                actions.editInput(request.sample(), request.to(), request.value());
                break;
            default:
                actions.editTarget(request.sample(), request.to(), request.value());
        }
    }

    public Parent root() {
        return root;
    }

    /** The layer graph as on screen, as an SVG document; null before anything is shown. */
    public String graphSvg() {
        return graph.toSvg();
    }

    /** The part a PNG export captures: everything but menus and controls. */
    public Node content() {
        return content;
    }

    /** Puts the theme's stylesheets on a scene (and keeps them there as the theme changes). */
    public void applyTheme(Scene scene) {
        if (scene == null) {
            return;
        }
        Theme theme = settings.themeProperty().get();
        scene.getStylesheets().setAll(List.of(stylesheet("app.css"), stylesheet(theme.stylesheet())));
        scene.setFill(theme.background());
    }

    private static String stylesheet(String name) {
        return MainWindow.class.getResource(name).toExternalForm();
    }

    /**
     * Draws one frame (FX thread). While training runs on its own, the three views that paint large canvases (graph,
     * loss chart, boundary) take turns, each redrawn every third frame: with software rendering on two cores, painting
     * all three every frame would halve the frame rate, while 20 redraws a second each still move smoothly. Paused,
     * every view follows every change at once.
     */
    public void show(Snapshot s, double framesPerSecond) {
        // Another network, not merely an edited one (a learning rate, a point added): dividers a person moved stay.
        if (latest == null || !latest.definition().name().equals(s.definition().name())
                || !java.util.Arrays.equals(latest.network().layerSizes(), s.network().layerSizes())) {
            fitSplitToNetwork(s);
        }
        latest = s;
        title.setText(s.definition().name());
        description.setText(s.definition().description());
        controls.show(s, framesPerSecond, settings.showFpsProperty().get());
        status.show(s);
        timeline.show(s);
        long turn = frame++ % 3;
        boolean all = !s.running();
        if (all || turn == 0) {
            graph.show(s);
        }
        if (details == null) {
            return;
        }
        details.formula().show(s);
        details.terms().show(s);
        if (all || turn == 1) {
            details.chart().show(s);
        }
        if (all || turn == 2) {
            showSideTab(s);
            showExtra(side.getSelectionModel().getSelectedItem());
            if (pages.getSelectionModel().getSelectedIndex() > 0) {
                showExtra(pages.getSelectionModel().getSelectedItem());
            }
        }
    }

    /**
     * Gives the graph the height its tallest column needs and the formula panel the rest, within bounds: a 2-2-2
     * network's graph does with little, leaving its fractions room; a wider layer's units need the height more than
     * the formula does (it scrolls). Done when a network is opened or the scale changes, so a divider the person
     * dragged stays where it is while they work.
     */
    private void fitSplitToNetwork(Snapshot s) {
        int widest = 0;
        for (int size : s.network().layerSizes()) {
            widest = Math.max(widest, size);
        }
        boolean anyBias = s.network().layers().stream().anyMatch(layer -> layer.hasBias());
        double scale = settings.fontScaleProperty().get();
        // Without two inputs the boundary tab holds one sentence: the loss curve (and its warnings) take the room.
        sideSplit.setDividerPositions(s.network().inputSize() == 2 ? BOUNDARY_SHARE : NO_BOUNDARY_SHARE);
        if (content.getHeight() > 0) {
            content.setDividerPositions(graphShare(widest, anyBias, content.getHeight(), scale));
            return;
        }
        // Not laid out yet (the first frame): fit once the height is known.
        int layerWidth = widest;
        content.heightProperty().addListener(new javafx.beans.value.ChangeListener<Number>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.doubleValue() > 0) {
                    content.heightProperty().removeListener(this);
                    content.setDividerPositions(graphShare(layerWidth, anyBias, now.doubleValue(), scale));
                }
            }
        });
    }

    /**
     * The graph's share of the content's height: what the graph needs for comfortable units in its tallest column
     * (and for a small network's edge labels), the formula panel getting the rest but never less than {@value #MIN_FORMULA_HEIGHT} px nor more than
     * {@value #MAX_FORMULA_HEIGHT} px at ×1 (all heights grow with the presentation scale).
     */
    static double graphShare(int widest, boolean anyBias, double contentHeight, double scale) {
        double height = Math.max(1, contentHeight);
        double units = Math.min(widest, 24) * UNIT_PITCH;
        if (anyBias) {
            units = Math.max(LABELLED_UNITS_HEIGHT, units) + BIAS_ROW_HEIGHT;
        }
        double graph = (GRAPH_CHROME_HEIGHT + units) * scale;
        double least = (scale > 1 ? MIN_SCALED_FORMULA_HEIGHT : MIN_FORMULA_HEIGHT) * scale;
        double formula = Math.max(least, Math.min(MAX_FORMULA_HEIGHT * scale, height - graph));
        return Math.max(0.5, Math.min(0.8, 1 - formula / height));
    }

    /** Only the side tab on screen is drawn: a hidden boundary or inspector costs nothing. */
    private void showSideTab(Snapshot s) {
        if (side.getSelectionModel().getSelectedIndex() == 0) {
            details.boundary().show(s);
        } else if (side.getSelectionModel().getSelectedIndex() == 1) {
            details.inspector().show(s);
        }
    }
}
