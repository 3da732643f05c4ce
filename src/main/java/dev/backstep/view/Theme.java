package dev.backstep.view;

import javafx.scene.paint.Color;

import java.util.List;

/**
 * The colours of a theme, as tokens shared by the CSS of the controls and by everything drawn on canvases, so the
 * graph, the boundary and the legend change together with the rest of the window.
 *
 * <p>Meaning is carried by a blue–orange diverging scale (positive blue, negative orange, near zero grey), which
 * stays distinct for the common colour-vision deficiencies; red and green are never paired. Class colours are the
 * Okabe–Ito palette.
 *
 * @param highlight the outline of the element of the current term
 * @param uses      the outline of the elements the current term uses
 */
public record Theme(String id, String label, Color background, Color surface, Color text, Color mutedText,
                    Color grid, Color positive, Color negative, Color neutral, Color highlight, Color uses,
                    Color unitFill, Color unitStroke, List<Color> classes, String stylesheet) {

    private static final List<Color> OKABE_ITO = List.of(Color.web("#0072B2"), Color.web("#E69F00"),
            Color.web("#009E73"), Color.web("#CC79A7"), Color.web("#56B4E9"), Color.web("#D55E00"),
            Color.web("#F0E442"), Color.web("#000000"), Color.web("#999999"), Color.web("#882255"));

    public static final Theme LIGHT = new Theme("light", "Light", Color.web("#FAFAFA"), Color.web("#FFFFFF"),
            Color.web("#1B1B1B"), Color.web("#5A5A5A"), Color.web("#E3E3E3"), Color.web("#1F5FAD"),
            Color.web("#E0600A"), Color.web("#C8C8C8"), Color.web("#111111"), Color.web("#6A3D9A"),
            Color.web("#FFFFFF"), Color.web("#444444"), OKABE_ITO, "light.css");

    /** Okabe–Ito for dark backgrounds: white takes black's place, which would vanish. */
    private static final List<Color> OKABE_ITO_ON_DARK = List.of(Color.web("#56B4E9"), Color.web("#E69F00"),
            Color.web("#009E73"), Color.web("#CC79A7"), Color.web("#0072B2"), Color.web("#D55E00"),
            Color.web("#F0E442"), Color.web("#FFFFFF"), Color.web("#999999"), Color.web("#AA4499"));

    public static final Theme DARK = new Theme("dark", "Dark", Color.web("#1E1F22"), Color.web("#2B2D31"),
            Color.web("#EDEDED"), Color.web("#A8A8A8"), Color.web("#3A3C41"), Color.web("#5AA7F0"),
            Color.web("#F28E2B"), Color.web("#5C5F66"), Color.web("#FFFFFF"), Color.web("#C6A7F0"),
            Color.web("#2B2D31"), Color.web("#BFBFBF"), OKABE_ITO_ON_DARK, "dark.css");

    /**
     * For projectors that wash colours out: pure black and white, the blue–orange scale at full lightness (sky blue
     * and amber stay apart for every common colour-vision deficiency), a yellow current element and a pink ring for
     * what it uses, each far from both ends of the scale.
     */
    public static final Theme HIGH_CONTRAST = new Theme("high-contrast", "High Contrast", Color.web("#000000"),
            Color.web("#000000"), Color.web("#FFFFFF"), Color.web("#E6E6E6"), Color.web("#707070"),
            Color.web("#3DB7FF"), Color.web("#FF9F1A"), Color.web("#8C8C8C"), Color.web("#FFFF00"),
            Color.web("#FF7FD4"), Color.web("#000000"), Color.web("#FFFFFF"), OKABE_ITO_ON_DARK,
            "high-contrast.css");

    public static List<Theme> all() {
        return List.of(LIGHT, DARK, HIGH_CONTRAST);
    }

    /** The theme with this id (light, dark, high-contrast), or null. */
    public static Theme byId(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /** The colour of a class in a categorical plot. */
    public Color classColor(int index) {
        return classes.get(index % classes.size());
    }
}
