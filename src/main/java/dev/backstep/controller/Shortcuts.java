package dev.backstep.controller;

import dev.backstep.view.UserActions;
import dev.backstep.view.ViewSettings;
import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.util.List;

/**
 * The keyboard map, so a lecturer can drive everything from the keyboard or a presentation clicker (which sends
 * PageDown and PageUp). Keys are ignored while a text field has focus, so typing a learning rate never steps.
 */
public final class Shortcuts {
    /** Key and what it does, for the help screen; kept beside the code that implements it. */
    public static final List<String[]> TABLE = List.of(
            new String[] {"Space", "Play / pause"},
            new String[] {"→  or  PageDown", "Next chain-rule term"},
            new String[] {"←  or  PageUp", "Previous term (exact)"},
            new String[] {"S", "Finish this sample's terms"},
            new String[] {"E", "Finish this epoch"},
            new String[] {"R", "Reset to the initial weights (same seed)"},
            new String[] {"Shift+R", "New random initial weights"},
            new String[] {"F  or  F11", "Full screen"},
            new String[] {"F5", "Presentation mode: full screen, no menus (Esc leaves)"},
            new String[] {"+  or  =", "Larger text, lines and units (×1, ×1.25, ×1.5, ×2)"},
            new String[] {"−", "Smaller text, lines and units"},
            new String[] {"L", "Spotlight: dim all but the current term and what it uses"},
            new String[] {"?  or  F1", "This list"},
            new String[] {"Ctrl+1, 2, 3", "Graph shows weights, gradients, updates"},
            new String[] {"Ctrl+←, Ctrl+→", "Back / forward through the kept moments of training"},
            new String[] {"Ctrl+Z", "Undo the last data or layer edit"},
            new String[] {"Ctrl+O, Ctrl+S", "Open, save"},
            new String[] {"F12", "Show frames per second"});

    private Shortcuts() {
    }

    /** Installs the map on a scene (as a filter, so focused buttons do not swallow Space). */
    public static void install(Scene scene, UserActions actions, ViewSettings settings) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!(scene.getFocusOwner() instanceof TextInputControl) && e.isShortcutDown()
                    && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT)) {
                actions.stepMoment(e.getCode() == KeyCode.LEFT ? -1 : 1);
                e.consume();
                return;
            }
            if (scene.getFocusOwner() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (handle(e.getCode(), e.isShiftDown(), actions) || handleView(e.getCode(), settings)) {
                e.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (!(scene.getFocusOwner() instanceof TextInputControl) && "?".equals(e.getCharacter())) {
                actions.showShortcuts();
                e.consume();
            }
        });
    }

    /** The keys that change only how things are shown (scale, spotlight, presentation). */
    static boolean handleView(KeyCode code, ViewSettings settings) {
        switch (code) {
            case PLUS:
            case EQUALS:
            case ADD:
                settings.scaleUp();
                return true;
            case MINUS:
            case SUBTRACT:
                settings.scaleDown();
                return true;
            case L:
                settings.spotlightProperty().set(!settings.spotlightProperty().get());
                return true;
            case F5:
                settings.presentationProperty().set(!settings.presentationProperty().get());
                return true;
            case ESCAPE:
                if (settings.presentationProperty().get()) {
                    settings.presentationProperty().set(false);
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    static boolean handle(KeyCode code, boolean shift, UserActions actions) {
        switch (code) {
            case SPACE:
                actions.togglePlay();
                return true;
            case RIGHT:
            case PAGE_DOWN:
                actions.stepTerm();
                return true;
            case LEFT:
            case PAGE_UP:
                actions.stepBack();
                return true;
            case S:
                actions.stepSample();
                return true;
            case E:
                actions.stepEpoch();
                return true;
            case R:
                if (shift) {
                    actions.reseed();
                } else {
                    actions.reset();
                }
                return true;
            case F:
                actions.toggleFullScreen();
                return true;
            default:
                return false;
        }
    }
}
