package org.izhsim.output.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;

/**
 * Text widths for layout, measured on the same font the PNG back end draws with, so both back ends
 * lay out identically (SVG viewers substitute a metric-similar sans serif when DejaVu is missing).
 */
public final class TextMetrics
{
    /** The SVG font list: DejaVu first because it is what the PNG is measured and drawn with. */
    public static final String SVG_FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";

    private static final FontRenderContext CONTEXT;

    static
    {
        Headless.ensure();
        CONTEXT = new FontRenderContext(new AffineTransform(), true, true);
    }

    /** What {@link #missingFonts} says to do about it. */
    public static final String INSTALL_FONTS = "install fonts (Debian, Ubuntu: apt install fonts-dejavu-core; Fedora: " +
        "dejavu-sans-fonts)";

    private TextMetrics()
    {
    }

    /**
     * Why text cannot be measured or drawn here, or null when it can. A JDK that finds no font at all (a minimal
     * container or cluster image: no fonts, or a fontconfig that lists none) throws an Error at the first use of a
     * font, even of one loaded from a file; the figures of a run were then lost with all its data files (the run
     * ended with a stack trace after the simulation). Asked once; the answer is kept.
     */
    public static String missingFonts()
    {
        return FontProbe.PROBLEM;
    }

    /** Holder: measured at its first use, once per JVM. */
    private static final class FontProbe
    {
        static final String PROBLEM = probe();

        private static String probe()
        {
            try
            {
                width("0", 12.0f, false);
                return null;
            }
            catch (final Error | RuntimeException ex)
            {
                Throwable root = ex;
                while (root.getCause() != null && root.getCause() != root)
                {
                    root = root.getCause();
                }
                final String why = root.getMessage() != null ? root.getMessage().strip() : root.getClass().getName();
                return "Java finds no fonts on this machine (" + why + ")";
            }
        }
    }

    /**
     * @return the font used for drawing text of the given size and weight.
     */
    public static Font font(final float size, final boolean bold)
    {
        return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
    }

    public static double width(final String text, final TextStyle style)
    {
        return width(text, style.size(), style.bold());
    }

    public static double width(final String text, final float size, final boolean bold)
    {
        return font(size, bold).getStringBounds(text, CONTEXT).getWidth();
    }

    /**
     * @return the height of capital letters and digits above the baseline, for centring text on a tick.
     */
    public static double capHeight(final float size)
    {
        // Digits of DejaVu Sans are 0.729 em high.
        return 0.729 * size;
    }
}
