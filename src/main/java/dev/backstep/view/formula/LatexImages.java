package dev.backstep.view.formula;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LaTeX to JavaFX {@link Image}s with JLaTeXMath, headless (no Swing component is ever created), with an LRU cache
 * keyed by (LaTeX, pixel size, colour).
 *
 * <p>Never throws for bad LaTeX: a string JLaTeXMath cannot parse or paint is drawn as plain text in a serif font
 * instead, and logged once per string; {@link Rendered#ok()} tells which happened. Thread-safe: rendering is
 * serialised (JLaTeXMath keeps static state), so it may be called on the FX thread (a typical formula takes about
 * a millisecond; cached ones nothing) or on any other.
 */
public final class LatexImages {
    private static final System.Logger LOG = System.getLogger(LatexImages.class.getName());
    /** Entries and pixels kept by the {@linkplain #shared() shared} cache: about 32 MB of ARGB at most. */
    private static final int DEFAULT_ENTRIES = 512;
    private static final long DEFAULT_PIXELS = 8L << 20;
    /** Bad strings remembered so that each is logged once; beyond this many, nothing more is logged. */
    private static final int MAX_LOGGED = 1000;
    private static final LatexImages SHARED = new LatexImages(DEFAULT_ENTRIES, DEFAULT_PIXELS);

    /**
     * One rendered formula.
     *
     * @param image    the formula, transparent around the ink, at {@code scale} pixels per layout pixel
     * @param ok       true when JLaTeXMath rendered it; false when the plain-text fallback was drawn
     * @param error    why JLaTeXMath failed, or empty
     * @param baseline distance from the image's top to the formula's baseline, in image pixels
     * @param pad      transparent margin on each side of the ink box, in image pixels
     */
    public record Rendered(Image image, boolean ok, String error, double baseline, double pad) {
        public double width() {
            return image.getWidth();
        }

        public double height() {
            return image.getHeight();
        }
    }

    private record Key(String latex, float size, Color color) {
    }

    private final int maxEntries;
    private final long maxPixels;
    private final Map<Key, Rendered> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long pixels;
    private long hits;
    private long misses;
    private long fallbacks;

    /**
     * A renderer with its own cache.
     *
     * @param maxEntries the most formulas kept
     * @param maxPixels  the most pixels kept in all (least recently used formulas are dropped first)
     */
    public LatexImages(int maxEntries, long maxPixels) {
        if (maxEntries < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("cache limits must be positive: " + maxEntries + ", " + maxPixels);
        }
        this.maxEntries = maxEntries;
        this.maxPixels = maxPixels;
    }

    /**
     * Loads JLaTeXMath's fonts and tables on a background thread (the first formula otherwise takes about two
     * seconds, which on the FX thread would freeze the window). Any thread; cheap after the first call.
     */
    public static void preload() {
        if (PRELOADED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> draw("\\delta_{1} = \\frac{\\partial E}{\\partial z}", 10f, Color.BLACK),
                    "latex-preload");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PRELOADED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** The renderer the views share. */
    public static LatexImages shared() {
        return SHARED;
    }

    /** The formula as an image; see {@link #render(String, double, Color)}. */
    public Image image(String latex, double size, Color color) {
        return render(latex, size, color).image();
    }

    /**
     * Renders {@code latex} (math mode, display style) with glyphs of {@code size} pixels in {@code color}, or
     * returns the cached image. Any thread.
     */
    public Rendered render(String latex, double size, Color color) {
        Objects.requireNonNull(latex, "latex");
        Objects.requireNonNull(color, "color");
        if (!(size > 0) || size > 1000) {
            throw new IllegalArgumentException("size must be in (0, 1000] pixels: " + size);
        }
        Key key = new Key(latex, (float) size, color);
        synchronized (this) {
            Rendered cached = cache.get(key);
            if (cached != null) {
                hits++;
                return cached;
            }
            misses++;
        }
        Rendered fresh = draw(latex, key.size(), color);
        synchronized (this) {
            if (!fresh.ok()) {
                fallbacks++;
            }
            Rendered previous = cache.put(key, fresh);
            if (previous != null) {
                pixels -= pixels(previous);
            }
            pixels += pixels(fresh);
            trim();
        }
        return fresh;
    }

    /** True when JLaTeXMath renders {@code latex} without falling back (bypasses the cache). Any thread. */
    public static boolean renders(String latex) {
        return draw(latex, 20f, Color.BLACK).ok();
    }

    /** Cache hits since creation. */
    public synchronized long hits() {
        return hits;
    }

    /** Cache misses (formulas actually rendered) since creation. */
    public synchronized long misses() {
        return misses;
    }

    /** Renders that fell back to plain text since creation. */
    public synchronized long fallbacks() {
        return fallbacks;
    }

    /** Formulas in the cache now. */
    public synchronized int size() {
        return cache.size();
    }

    public synchronized void clear() {
        cache.clear();
        pixels = 0;
    }

    private void trim() {
        var eldest = cache.entrySet().iterator();
        while ((cache.size() > maxEntries || pixels > maxPixels) && cache.size() > 1 && eldest.hasNext()) {
            pixels -= pixels(eldest.next().getValue());
            eldest.remove();
        }
    }

    private static long pixels(Rendered r) {
        return (long) (r.width() * r.height());
    }

    /** JLaTeXMath keeps static state (its parser tables, font caches): one formula at a time. */
    private static final Object JLATEXMATH = new Object();

    private static Rendered draw(String latex, float size, Color color) {
        synchronized (JLATEXMATH) {
            return drawLocked(latex, size, color);
        }
    }

    private static Rendered drawLocked(String latex, float size, Color color) {
        java.awt.Color awt = awt(color);
        try {
            TeXFormula formula = new TeXFormula(latex);
            TeXIcon icon = formula.createTeXIcon(TeXConstants.STYLE_DISPLAY, size);
            // A little air so that antialiased edges and italic overhangs are not clipped.
            int pad = Math.max(1, Math.round(size / 12f));
            icon.setInsets(new java.awt.Insets(pad, pad, pad, pad));
            // Without a foreground, paintIcon asks the (null) component for one.
            icon.setForeground(awt);
            int w = Math.max(1, icon.getIconWidth());
            int h = Math.max(1, icon.getIconHeight());
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                icon.paintIcon(null, g, 0, 0);
            } finally {
                g.dispose();
            }
            double baseline = icon.getBaseLine() * h;
            return new Rendered(SwingFXUtils.toFXImage(image, null), true, "", baseline, pad);
        } catch (Exception | LinkageError | StackOverflowError e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ');
            logOnce(latex, error);
            return fallback(latex, size, awt, error);
        }
    }

    private static final Set<String> LOGGED = Collections.newSetFromMap(new ConcurrentHashMap<>());

    private static void logOnce(String latex, String error) {
        if (LOGGED.size() < MAX_LOGGED && LOGGED.add(latex)) {
            LOG.log(System.Logger.Level.WARNING, "JLaTeXMath cannot render \"" + latex + "\" (" + error
                    + "); showing it as plain text");
        }
    }

    /** The LaTeX source itself, in a serif font of the same size: wrong-looking but never missing. */
    private static Rendered fallback(String latex, float size, java.awt.Color color, String error) {
        Font font = new Font(Font.SERIF, Font.PLAIN, Math.max(1, Math.round(size)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics metrics = pg.getFontMetrics(font);
        int pad = Math.max(1, Math.round(size / 12f));
        String text = latex.isEmpty() ? " " : latex;
        int w = Math.max(1, metrics.stringWidth(text) + 2 * pad);
        int h = Math.max(1, metrics.getHeight() + 2 * pad);
        pg.dispose();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(color);
            g.drawString(text, pad, pad + metrics.getAscent());
        } finally {
            g.dispose();
        }
        return new Rendered(SwingFXUtils.toFXImage(image, null), false, error, pad + metrics.getAscent(), pad);
    }

    static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue(),
                (float) c.getOpacity());
    }
}
