package dev.backstep.app;

import dev.backstep.model.Session;
import dev.backstep.view.MainWindow;
import dev.backstep.view.ViewSettings;
import dev.backstep.view.UserActions;
import dev.backstep.view.teach.ChainRuleView;
import dev.backstep.view.teach.ErrataView;
import dev.backstep.view.teach.GradientDescentView;
import dev.backstep.view.teach.GradientCheckView;
import dev.backstep.view.teach.GradientFlowView;

/**
 * Where the teaching views join the main window: each adds its side tabs or pages here, in the order they appear.
 */
final class ViewCatalog {
    private ViewCatalog() {
    }

    static void install(MainWindow window, Session session, ViewSettings settings, UserActions actions) {
        // Side tabs (beside the decision boundary and the inspector), then pages (beside the network page).
        dev.backstep.view.data.DataPages.install(window, settings, actions);
        window.addPage("Optimizer race", "race", new dev.backstep.view.race.OptimizerRaceView(settings));
        window.addSideTab("Errata", "errata", new ErrataView(settings, actions));
        window.addPage("Gradient check", "gradient-check", new GradientCheckView(settings));
        window.addPage("Gradient flow", "gradient-flow", new GradientFlowView(settings));
        window.addPage("Loss landscape", "landscape", new dev.backstep.view.landscape.LossLandscapeView(settings));
        window.addPage("Unit maps", "unit-maps", new dev.backstep.view.units.UnitMapsView(settings));
        window.addPage("Chain rule", "chain-rule", new ChainRuleView(settings));
        window.addPage("Gradient descent", "gradient-descent", new GradientDescentView(settings));
    }
}
