package dev.backstep.view.graph;

/**
 * Text widths without a scene: the advance widths of DejaVu Sans (the font Backstep ships with on Linux) per
 * character class, rounded up. The layout runs every resize and must not create nodes; a label box a few pixels
 * too wide is harmless, one too narrow is not, so every guess errs on the wide side.
 */
final class TextWidth {
    private TextWidth() {
    }

    /** The width of {@code text} in pixels at font size {@code size}. */
    static double of(CharSequence text, double size, boolean bold) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            em += advance(text.charAt(i));
        }
        return em * size * (bold ? 1.1 : 1.0);
    }

    private static double advance(char c) {
        if (c >= '0' && c <= '9') {
            return 0.64;
        }
        switch (c) {
            case '.':
            case ',':
            case ':':
            case ';':
            case ' ':
            case '\'':
            case '|':
            case '(':
            case ')':
                return 0.40;
            case 'i':
            case 'l':
            case 'j':
            case 't':
            case 'f':
            case 'r':
                return 0.42;
            case '−':
            case '+':
            case '=':
            case '×':
            case '<':
            case '>':
            case '→':
                return 0.84;
            case 'm':
            case 'w':
            case 'M':
            case 'W':
            case '⋯':
                return 1.0;
            default:
                if (c >= 'a' && c <= 'z') {
                    return 0.63;
                }
                if (c >= 'A' && c <= 'Z') {
                    return 0.74;
                }
                return 0.80;
        }
    }
}
