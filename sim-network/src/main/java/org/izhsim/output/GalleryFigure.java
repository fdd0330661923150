package org.izhsim.output;

import java.util.ArrayList;
import java.util.List;

import org.izhsim.output.plot.Anchor;
import org.izhsim.output.plot.Axes;
import org.izhsim.output.plot.Box;
import org.izhsim.output.plot.Figure;
import org.izhsim.output.plot.FigureBuilder;
import org.izhsim.output.plot.Palette;
import org.izhsim.output.plot.Pen;
import org.izhsim.output.plot.ScaleBar;
import org.izhsim.output.plot.Ticks;

/**
 * A grid of small voltage-trace panels in the style of Izhikevich (2004), "Which model to use for
 * cortical spiking neurons?", Fig. 1: each panel has its title, the membrane potential with a mV axis,
 * the stimulus drawn scaled in a band underneath, and a time scale bar. Panels fill row by row.
 */
public final class GalleryFigure implements FigureBuilder
{
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 1800;

    private final int rows;
    private final int columns;
    private final String title;
    private final List<Panel> panels = new ArrayList<>();

    private record Panel(String title, double[] t, double[] v, double[] stimulus)
    {
    }

    /**
     * @param title   figure title, or null for none.
     * @param rows    panel rows (5 for the 2004 Fig. 1).
     * @param columns panel columns (4 for the 2004 Fig. 1).
     */
    public GalleryFigure(final String title, final int rows, final int columns)
    {
        if (rows < 1 || columns < 1)
        {
            throw new IllegalArgumentException("grid must have at least one row and column: " + rows + " x " + columns);
        }
        this.title = title;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Adds the next panel.
     *
     * @param panelTitle e.g. "(A) tonic spiking".
     * @param t          sample times (ms), ascending.
     * @param v          membrane potential (mV).
     * @param stimulus   input at the same samples; drawn scaled, so its unit does not matter.
     */
    public GalleryFigure add(final String panelTitle, final double[] t, final double[] v, final double[] stimulus)
    {
        if (panels.size() == rows * columns)
        {
            throw new IllegalStateException("the " + rows + " x " + columns + " grid is full");
        }
        if (t.length != v.length || t.length != stimulus.length || t.length < 2)
        {
            throw new IllegalArgumentException("panel '" + panelTitle + "': t, v and stimulus need equal lengths >= 2, got "
                + t.length + ", " + v.length + ", " + stimulus.length);
        }
        panels.add(new Panel(panelTitle, t, v, stimulus));
        return this;
    }

    @Override
    public Figure build()
    {
        final Figure figure = new Figure(WIDTH, HEIGHT);
        double top = 40;
        if (title != null)
        {
            figure.title(title, 22f);
            top = 78;
        }
        final Box region = new Box(78, top, WIDTH - 78 - 28, HEIGHT - top - 48);
        final Box[][] cells = Figure.grid(region, rows, columns, 52, 62);
        for (int k = 0; k < panels.size(); k++)
        {
            addPanel(figure, cells[k / columns][k % columns], panels.get(k), k % columns == 0);
        }
        return figure;
    }

    private static void addPanel(final Figure figure, final Box cell, final Panel panel, final boolean firstColumn)
    {
        final double tStart = panel.t[0];
        final double tEnd = panel.t[panel.t.length - 1];
        final Box traceArea = new Box(cell.x(), cell.y(), cell.width(), cell.height() * 0.70);
        final Box stimulusArea = new Box(cell.x(), cell.y() + cell.height() * 0.76, cell.width(), cell.height() * 0.14);

        final Axes trace = figure.addAxes(traceArea);
        trace.title(panel.title).titleAnchor(Anchor.START).fontSizes(12f, 13f, 15f)
            .xRange(tStart, tEnd).hideXAxis().yTicks(3).yPadding(0.06);
        if (firstColumn)
        {
            trace.yLabel("v (mV)");
        }
        trace.line(panel.t, panel.v).pen(Pen.solid(Palette.BLUE, 1.2f));

        final Axes stimulus = figure.addAxes(stimulusArea);
        stimulus.xRange(tStart, tEnd).hideXAxis().hideYAxis().yPadding(0.1);
        stimulus.line(panel.t, panel.stimulus).pen(Pen.solid(Palette.BLUISH_GREEN, 1.4f));
        final double duration = tEnd - tStart;
        final double barLength = Ticks.niceStep(duration / 6);
        stimulus.overlay(new ScaleBar(tEnd - barLength, barLength,
            Ticks.label(barLength, barLength) + " ms", 12f, 8));
    }
}
