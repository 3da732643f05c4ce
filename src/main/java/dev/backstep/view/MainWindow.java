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
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;

/**
 * The main window's layout: the layer graph in the middle (the network is the subject of every lecture), the
 * decision boundary and the loss chart beside it, the current term's formula and the term list below, the controls
 * on top. Builds itself; {@link #show} hands each frame's snapshot to every view.
 */
public final class MainWindow {
    private final ViewSettings settings;
    private final BorderPane root = new BorderPane();
    private final SplitPane content;
    private final ControlBar controls;
    private final StatusBar status;
    private final LayerGraphView graph;
    private final DecisionBoundaryView boundary;
    private final LossChartView chart;
    private final FormulaPanel formula;
    private final TermListView terms;
    private final InspectorView inspector;
    private final Label title = new Label();
    private final TabPane side;
    private Snapshot latest;
    private long frame;
    private final Label description = new Label();

    public MainWindow(Session session, ViewSettings settings, UserActions actions, ObservableList<Path> recent) {
        this.settings = settings;
        controls = new ControlBar(session, actions);
        status = new StatusBar(session);
        graph = new LayerGraphView(settings);
        boundary = new DecisionBoundaryView(settings);
        chart = new LossChartView(settings);
        formula = new FormulaPanel(settings);
        formula.formulaSizeProperty().set(28);
        terms = new TermListView(settings);
        inspector = new InspectorView(settings);

        title.setId("networkTitle");
        title.getStyleClass().add("pane-title");
        description.setId("networkDescription");
        description.getStyleClass().add("description");
        description.setWrapText(true);
        BorderPane graphPane = new BorderPane(graph);
        graphPane.setTop(new GraphControls(settings));
        description.setMaxHeight(Double.MAX_VALUE);
        VBox about = new VBox(title, description);
        about.setId("networkAbout");

        side = new TabPane(tab("Decision boundary", boundary), tab("Inspector", inspector),
                tab("Network", new javafx.scene.control.ScrollPane(about)));
        ((javafx.scene.control.ScrollPane) side.getTabs().get(2).getContent()).setFitToWidth(true);
        side.setId("sideTabs");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane right = new SplitPane(side, chart);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.55);
        SplitPane top = new SplitPane(graphPane, right);
        top.setDividerPositions(0.62);
        SplitPane bottom = new SplitPane(formula, terms);
        bottom.setDividerPositions(0.68);
        content = new SplitPane(top, bottom);
        content.setId("content");
        content.setOrientation(Orientation.VERTICAL);
        content.setDividerPositions(0.645);

        root.setTop(new VBox(new MainMenu(session, settings, actions, recent), controls));
        root.setCenter(content);
        root.setBottom(status);
        root.setId("mainWindow");

        graph.setOnSelect(element -> {
            inspector.selectedProperty().set(element.toTraceElement());
            side.getSelectionModel().select(1);
        });
        graph.setOnEditRequest(request -> edit(request, actions));
        formula.setOnSeek(actions::seek);
        terms.setOnSeek(actions::seek);
        settings.themeProperty().addListener((o, a, b) -> applyTheme(root.getScene()));
        side.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (latest != null) {
                showSideTab(latest);
            }
        });
        settings.showFpsProperty().addListener((o, a, b) -> controls.show(session.snapshot(), 0, b));
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
        if (latest == null || latest.definition() != s.definition()) {
            fitSplitToNetwork(s);
        }
        latest = s;
        title.setText(s.definition().name());
        description.setText(s.definition().description());
        controls.show(s, framesPerSecond, settings.showFpsProperty().get());
        status.show(s);
        formula.show(s);
        terms.show(s);
        long turn = frame++ % 3;
        boolean all = !s.running();
        if (all || turn == 0) {
            graph.show(s);
        }
        if (all || turn == 1) {
            chart.show(s);
        }
        if (all || turn == 2) {
            showSideTab(s);
        }
    }

    /**
     * Gives the graph the height its widest layer needs and the formula panel the rest: a 2-2-2 network leaves the
     * graph half empty while a two-line fraction would not fit below it. Done when a network is opened, so a divider
     * the person dragged stays where it is while they work.
     */
    private void fitSplitToNetwork(Snapshot s) {
        int widest = 0;
        for (int size : s.network().layerSizes()) {
            widest = Math.max(widest, size);
        }
        content.setDividerPositions(widest <= 2 ? 0.56 : widest <= 3 ? 0.60 : 0.645);
    }

    /** Only the side tab on screen is drawn: a hidden boundary or inspector costs nothing. */
    private void showSideTab(Snapshot s) {
        if (side.getSelectionModel().getSelectedIndex() == 0) {
            boundary.show(s);
        } else if (side.getSelectionModel().getSelectedIndex() == 1) {
            inspector.show(s);
        }
    }
}
