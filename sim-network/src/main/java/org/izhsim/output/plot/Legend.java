package org.izhsim.output.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws an axes' legend: one entry (the series' key sample and label) per labelled series, in a
 * boxed corner inside the plot area, in rows below the x-axis label, or in one row above the plot.
 */
final class Legend
{
    private Legend()
    {
    }

    /**
     * @param belowLabels pixels from the plot area's bottom to below its x-axis labels.
     * @param size        legend font size.
     * @param titleSize   the axes' title size, to put an ABOVE legend on the title's baseline.
     * @param leftLimit   where an ABOVE legend must end on the left (right of the title it shares a line with).
     */
    static void draw(
        final Canvas canvas, final Axes.Corner corner, final List<Series> series, final Box area,
        final double belowLabels, final float size, final float titleSize, final double leftLimit)
    {
        final List<Series> entries = new ArrayList<>();
        for (final Series s : series)
        {
            if (s.label() != null)
            {
                entries.add(s);
            }
        }
        if (entries.isEmpty())
        {
            return;
        }
        switch (corner)
        {
            case BELOW -> drawBelow(canvas, entries, area, area.bottom() + belowLabels, size);
            case ABOVE -> drawAbove(canvas, entries, area, area.y() - 0.6 * titleSize, size, leftLimit);
            default -> drawBoxed(canvas, entries, area, corner, size);
        }
    }

    /**
     * A white, lightly framed box in a corner inside the plot area, one entry per row.
     */
    private static void drawBoxed(
        final Canvas canvas, final List<Series> entries, final Box area, final Axes.Corner corner, final float size)
    {
        final double keyWidth = 26;
        final double rowHeight = size * 1.5;
        double textWidth = 0;
        for (final Series s : entries)
        {
            textWidth = Math.max(textWidth, TextMetrics.width(s.label(), size, false));
        }
        final double boxWidth = 10 + keyWidth + 8 + textWidth + 10;
        final double boxHeight = 8 + rowHeight * entries.size() + 4;
        final boolean left = corner == Axes.Corner.TOP_LEFT || corner == Axes.Corner.BOTTOM_LEFT;
        final boolean top = corner == Axes.Corner.TOP_LEFT || corner == Axes.Corner.TOP_RIGHT;
        final double bx = left ? area.x() + 10 : area.right() - 10 - boxWidth;
        final double by = top ? area.y() + 10 : area.bottom() - 10 - boxHeight;
        canvas.fillRect(bx, by, boxWidth, boxHeight, Palette.WHITE, 0.88);
        canvas.strokeRect(bx, by, boxWidth, boxHeight, Pen.solid(Palette.LIGHT_GREY, 1f));
        double y = by + 6 + rowHeight / 2;
        for (final Series s : entries)
        {
            s.drawKey(canvas, bx + 10, y, keyWidth);
            canvas.text(s.label(), bx + 10 + keyWidth + 8, y + TextMetrics.capHeight(size) / 2, TextStyle.of(size, Anchor.START));
            y += rowHeight;
        }
    }

    private static void drawBelow(
        final Canvas canvas, final List<Series> entries, final Box area, final double top, final float size)
    {
        final double keyWidth = 26;
        final double rowHeight = size * 1.6;
        double x = area.x();
        double y = top + rowHeight / 2 + 6;
        for (final Series s : entries)
        {
            final double entryWidth = keyWidth + 6 + TextMetrics.width(s.label(), size, false) + 18;
            if (x > area.x() && x + entryWidth > area.right())
            {
                x = area.x();
                y += rowHeight;
            }
            s.drawKey(canvas, x, y, keyWidth);
            canvas.text(s.label(), x + keyWidth + 6, y + TextMetrics.capHeight(size) / 2, TextStyle.of(size, Anchor.START));
            x += entryWidth;
        }
    }

    /**
     * One row ending at the plot area's right edge, entries in order. Entries that would pass {@code leftLimit}
     * (the title's end) are left out, the first ones kept, and a last "+ N more" says how many: with 300
     * populations, or 12 with long names, the row ran over the title and off the figure.
     */
    private static void drawAbove(
        final Canvas canvas, final List<Series> entries, final Box area, final double baseline, final float size,
        final double leftLimit)
    {
        final double keyWidth = 22;
        final double gap = 20;
        final double y = baseline - TextMetrics.capHeight(size) / 2;
        final int n = entries.size();
        final double[] widths = new double[n];
        double all = -gap;
        for (int k = 0; k < n; k++)
        {
            widths[k] = keyWidth + 6 + TextMetrics.width(entries.get(k).label(), size, false);
            all += widths[k] + gap;
        }
        final double room = area.right() - leftLimit;
        int shown = n;
        String more = null;
        if (all > room)
        {
            shown = 0;
            double used = 0;
            while (shown < n)
            {
                final String tail = moreText(n - shown - 1);
                final double next = used + widths[shown] + gap;
                final double tailWidth = shown + 1 < n ? TextMetrics.width(tail, size, false) : -gap;
                if (next + tailWidth > room)
                {
                    break;
                }
                used = next;
                shown++;
            }
            more = moreText(n - shown);
        }
        double x = area.right();
        if (more != null)
        {
            canvas.text(more, x, y + TextMetrics.capHeight(size) / 2, TextStyle.of(size, Anchor.END));
            x -= TextMetrics.width(more, size, false) + gap;
        }
        for (int k = shown - 1; k >= 0; k--)
        {
            final Series s = entries.get(k);
            final double textWidth = TextMetrics.width(s.label(), size, false);
            canvas.text(s.label(), x, y + TextMetrics.capHeight(size) / 2, TextStyle.of(size, Anchor.END));
            x -= textWidth + 6 + keyWidth;
            s.drawKey(canvas, x, y, keyWidth);
            x -= gap;
        }
    }

    private static String moreText(final int hidden)
    {
        return "+ " + hidden + " more";
    }
}
