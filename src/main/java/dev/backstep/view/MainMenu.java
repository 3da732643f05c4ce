package dev.backstep.view;

import dev.backstep.io.SampleNetworks;
import dev.backstep.model.Session;
import dev.backstep.trace.Notation;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

import java.nio.file.Path;
import java.util.List;

/** File, View and Help menus. Builds itself; actions go to {@link UserActions}, view choices to {@link ViewSettings}. */
public final class MainMenu extends MenuBar {
    private final Menu recent = new Menu("Open Recent");
    private final ToggleGroup notations = new ToggleGroup();

    public MainMenu(Session session, ViewSettings settings, UserActions actions, ObservableList<Path> recentFiles) {
        setId("mainMenu");
        setUseSystemMenuBar(true);
        getMenus().setAll(fileMenu(actions, recentFiles), editMenu(actions),
                viewMenu(settings, actions), helpMenu(actions));
        session.snapshotProperty().addListener((o, a, s) -> {
            if (s != null) {
                selectNotation(s.notation());
            }
        });
        if (session.snapshot() != null) {
            selectNotation(session.snapshot().notation());
        }
    }

    private static MenuItem item(String id, String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Menu fileMenu(UserActions actions, ObservableList<Path> recentFiles) {
        Menu samples = new Menu("Samples");
        samples.setId("samplesMenu");
        for (String name : SampleNetworks.names()) {
            samples.getItems().add(item("sample-" + name, name, null, () -> actions.openSample(name)));
        }
        recentFiles.addListener((ListChangeListener<Path>) c -> fillRecent(recentFiles, actions));
        fillRecent(recentFiles, actions);
        Menu file = new Menu("File");
        file.setId("fileMenu");
        file.getItems().setAll(
                item("openFile", "Open…", "Shortcut+O", actions::open),
                samples,
                recent,
                new SeparatorMenuItem(),
                item("save", "Save", "Shortcut+S", actions::save),
                item("saveAs", "Save As…", "Shortcut+Shift+S", actions::saveAs),
                exportMenu(actions),
                new SeparatorMenuItem(),
                item("quit", "Quit", "Shortcut+Q", actions::quit));
        return file;
    }

    private static Menu exportMenu(UserActions actions) {
        Menu trace = new Menu("Trace of This Step");
        trace.setId("exportTraceMenu");
        for (dev.backstep.io.TraceFormat format : dev.backstep.io.TraceFormat.values()) {
            trace.getItems().add(item("exportTrace-" + format.id(), format.id().toUpperCase(java.util.Locale.ROOT)
                    .replace("LATEX", "LaTeX").replace("MARKDOWN", "Markdown") + "…", null,
                    () -> actions.exportTrace(format)));
        }
        Menu export = new Menu("Export");
        export.setId("exportMenu");
        export.getItems().setAll(item("exportPng", "View as PNG…", "Shortcut+Shift+E", actions::exportPng),
                item("exportGraphSvg", "Graph as SVG…", null, actions::exportGraphSvg), trace,
                item("exportLosses", "Loss History as CSV…", null, actions::exportLosses),
                item("exportNetwork", "Network File (a Copy)…", null, actions::exportNetwork));
        return export;
    }

    private void fillRecent(ObservableList<Path> files, UserActions actions) {
        recent.getItems().clear();
        for (Path path : files) {
            recent.getItems().add(item(null, path.toString(), null, () -> actions.openFile(path)));
        }
        recent.setDisable(files.isEmpty());
    }

    private static Menu editMenu(UserActions actions) {
        Menu edit = new Menu("Edit");
        edit.setId("editMenu");
        edit.getItems().setAll(item("undo", "Undo", "Shortcut+Z", actions::undo), new SeparatorMenuItem(),
                item("editData", "Data…", null, actions::editData),
                item("editArchitecture", "Architecture…", null, actions::editArchitecture));
        return edit;
    }

    private Menu viewMenu(ViewSettings settings, UserActions actions) {
        Menu notation = new Menu("Notation");
        for (Notation n : Notation.values()) {
            RadioMenuItem item = new RadioMenuItem(n.id() + "  —  " + StatusBar.describe(n));
            item.setId("notation-" + n.id());
            item.setUserData(n);
            item.setToggleGroup(notations);
            item.setOnAction(e -> actions.setNotation(n));
            notation.getItems().add(item);
        }
        Menu mode = new Menu("Graph Shows");
        ToggleGroup modes = new ToggleGroup();
        int key = 1;
        for (GraphMode m : GraphMode.values()) {
            RadioMenuItem item = new RadioMenuItem(m.label());
            item.setId("mode-" + m.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(modes);
            item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + key++));
            item.setSelected(settings.graphModeProperty().get() == m);
            item.setOnAction(e -> settings.graphModeProperty().set(m));
            settings.graphModeProperty().addListener((o, a, b) -> item.setSelected(b == m));
            mode.getItems().add(item);
        }
        Menu theme = new Menu("Theme");
        ToggleGroup themes = new ToggleGroup();
        for (Theme t : Theme.all()) {
            RadioMenuItem item = new RadioMenuItem(t.label());
            item.setId("theme-" + t.id());
            item.setToggleGroup(themes);
            item.setSelected(settings.themeProperty().get() == t);
            item.setOnAction(e -> settings.themeProperty().set(t));
            settings.themeProperty().addListener((o, a, b) -> item.setSelected(b == t));
            theme.getItems().add(item);
        }
        CheckMenuItem log = new CheckMenuItem("Logarithmic Loss Axis");
        log.setId("logLossMenu");
        log.selectedProperty().bindBidirectional(settings.logLossProperty());
        CheckMenuItem fps = new CheckMenuItem("Show Frames per Second");
        fps.setId("showFps");
        fps.setAccelerator(KeyCombination.keyCombination("F12"));
        fps.selectedProperty().bindBidirectional(settings.showFpsProperty());
        Menu view = new Menu("View");
        view.setId("viewMenu");
        view.getItems().setAll(notation, mode, theme, new SeparatorMenuItem(), log, fps, new SeparatorMenuItem(),
                item("fullScreen", "Full Screen", "F11", actions::toggleFullScreen));
        view.getItems().addAll(lectureItems(settings));
        return view;
    }

    /** Scale, spotlight and presentation mode (their keys, + − L F5, are handled by the shortcuts). */
    private static List<MenuItem> lectureItems(ViewSettings settings) {
        Menu scale = new Menu("Scale (+ / −)");
        scale.setId("scaleMenu");
        ToggleGroup scales = new ToggleGroup();
        for (double s : ViewSettings.SCALES) {
            RadioMenuItem item = new RadioMenuItem("×" + (s == Math.rint(s) ? String.valueOf((int) s)
                    : String.valueOf(s)));
            item.setId("scale-" + s);
            item.setToggleGroup(scales);
            item.setSelected(settings.fontScaleProperty().get() == s);
            item.setOnAction(e -> settings.fontScaleProperty().set(s));
            settings.fontScaleProperty().addListener((o, a, b) -> item.setSelected(b.doubleValue() == s));
            scale.getItems().add(item);
        }
        CheckMenuItem spotlight = new CheckMenuItem("Spotlight the Current Term (L)");
        spotlight.setId("spotlightMenu");
        spotlight.selectedProperty().bindBidirectional(settings.spotlightProperty());
        CheckMenuItem presentation = new CheckMenuItem("Presentation Mode");
        presentation.setId("presentationMenu");
        presentation.setAccelerator(KeyCombination.keyCombination("F5"));
        presentation.selectedProperty().bindBidirectional(settings.presentationProperty());
        return List.of(scale, spotlight, presentation);
    }

    private void selectNotation(Notation n) {
        notations.getToggles().stream().filter(t -> t.getUserData() == n).findFirst()
                .ifPresent(t -> t.setSelected(true));
    }

    private static Menu helpMenu(UserActions actions) {
        Menu help = new Menu("Help");
        help.setId("helpMenu");
        help.getItems().setAll(item("shortcuts", "Keyboard Shortcuts", "F1", actions::showShortcuts),
                item("about", "About Backstep", null, actions::showAbout));
        return help;
    }
}
