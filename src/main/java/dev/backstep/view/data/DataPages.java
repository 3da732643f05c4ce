package dev.backstep.view.data;

import dev.backstep.view.MainWindow;
import dev.backstep.view.UserActions;
import dev.backstep.view.ViewSettings;

/** The pages about what a classifier learned, added to the main window together because they link to each other. */
public final class DataPages {
    private DataPages() {
    }

    public static void install(MainWindow window, ViewSettings settings, UserActions actions) {
        window.addPage("Weight images", "weight-images", new WeightImagesView(settings));
        ConfusionView confusion = new ConfusionView(settings);
        SampleBrowserView samples = new SampleBrowserView(settings, actions);
        window.addPage("Confusion matrix", "confusion", confusion);
        window.addPage("Samples", "samples", samples);
        // A thumbnail of the confusion matrix opens its sample in the browser, on the set the matrix counts.
        confusion.setOnOpenSample((testSet, index) -> {
            samples.showSample(testSet, index);
            window.select("samples");
        });
    }
}
