package org.izhsim.output.plot;

/**
 * The Okabe-Ito palette (Okabe and Ito 2008, "Color Universal Design"): eight colours that stay
 * distinguishable under the common forms of colour blindness. Colours are 0xRRGGBB.
 */
public final class Palette
{
    public static final int BLACK = 0x000000;
    public static final int ORANGE = 0xE69F00;
    public static final int SKY_BLUE = 0x56B4E9;
    public static final int BLUISH_GREEN = 0x009E73;
    public static final int YELLOW = 0xF0E442;
    public static final int BLUE = 0x0072B2;
    public static final int VERMILLION = 0xD55E00;
    public static final int REDDISH_PURPLE = 0xCC79A7;

    public static final int WHITE = 0xFFFFFF;
    /** Axis lines, ticks and text: softer than pure black, still high contrast. */
    public static final int INK = 0x222222;
    public static final int GREY = 0x888888;
    public static final int LIGHT_GREY = 0xDDDDDD;

    /** Series order: yellow last because it is weak on white. */
    private static final int[] SERIES = {BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK, YELLOW};

    private Palette()
    {
    }

    /**
     * @param index any non-negative index; wraps around after eight colours.
     * @return the series colour for that index.
     */
    public static int color(final int index)
    {
        return SERIES[Math.floorMod(index, SERIES.length)];
    }
}
