package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class NeuronFigureTest
{
    private static final SyntheticNeuron RS = new SyntheticNeuron(300, 20, 10);

    private static NeuronFigure figure()
    {
        return new NeuronFigure("RS", RS.t, RS.v, RS.u, RS.current, "", RS.spikes)
            .nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, 10);
    }

    @Test
    void syntheticRegularSpikingNeuronAdapts()
    {
        // Guards the test data itself: RS fires and its interspike intervals lengthen.
        assertTrue(RS.spikes.length >= 5, "spikes: " + RS.spikes.length);
        assertTrue(RS.spikes[2] - RS.spikes[1] > RS.spikes[1] - RS.spikes[0]);
    }

    @Test
    void pngHasTheDocumentedSize(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("neuron.png");
        figure().writePng(file);
        final BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(NeuronFigure.WIDTH, image.getWidth());
        assertEquals(NeuronFigure.HEIGHT, image.getHeight());
    }

    @Test
    void svgLabelsBothNullclinesAndMarksEverySpikePeakInBothPanels() throws Exception
    {
        final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(figure().build().toSvg().getBytes(StandardCharsets.UTF_8)));
        final NodeList textNodes = doc.getElementsByTagName("text");
        final List<String> texts = new ArrayList<>();
        for (int k = 0; k < textNodes.getLength(); k++)
        {
            texts.add(textNodes.item(k).getTextContent());
        }
        assertTrue(texts.contains("v-nullcline (I = 10)"), texts.toString());
        assertTrue(texts.contains("u-nullcline"));
        assertTrue(texts.contains("spike peak"));
        assertTrue(texts.contains("v (mV)") && texts.contains("time (ms)") && texts.contains("u"));
        // One dot per spike over v(t), one in the phase plane, one legend key.
        assertEquals(2 * RS.spikes.length + 1, doc.getElementsByTagName("circle").getLength());
        // Each panel clips its curves: the parabola cannot spill over the figure.
        assertEquals(3, doc.getElementsByTagName("clipPath").getLength());
    }

    /** A second, dashed v-nullcline at the current held for most of the run, when it is another than the drive's. */
    /**
     * Tonic firing above rheobase: the v-nullcline's vertex above the trajectory (no fixed point). The legend listed the
     * curve and the view, fitted to the trajectory, did not show it (FS at 30: vertex u = 13.75, view to about 5).
     */
    @Test
    void aVNullclineWhoseVertexIsAboveTheTrajectoryIsShown() throws Exception
    {
        final double low = Arrays.stream(RS.u).min().getAsDouble();
        final double high = Arrays.stream(RS.u).max().getAsDouble();
        // The vertex of 0.04 v^2 + 5 v + 140 + I is at u = I - 16.25: 1.5 spans above the trajectory's highest u,
        // above the view the trajectory, its peaks and resets take (to 13.7 here).
        final double current = high + 1.5 * (high - low) + 16.25;
        final java.util.List<org.izhsim.output.plot.Axes> axes = new NeuronFigure("RS", RS.t, RS.v, RS.u, RS.current,
            "", RS.spikes).nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, current, Double.NaN)
            .build().axes();
        final org.izhsim.output.plot.Axes phase = axes.get(axes.size() - 1);
        final double vertex = current - 16.25;
        assertTrue(phase.yMin() < high && vertex < phase.yMax(), "the phase plane's u from " + phase.yMin() + " to " +
            phase.yMax() + " holds the trajectory (to " + high + ") and the vertex (" + vertex + ")");
    }

    /**
     * Of two v-nullclines each vertex counts: the RZ preset's held -0.5 had its vertex in the view and the pulse's 10
     * (u = -6.25) above it, and the legend listed a curve the view did not show; the legend wrote the held current
     * as "-0.500".
     */
    @Test
    void eachVNullclinesVertexIsShownAndItsCurrentWrittenShort() throws Exception
    {
        final double low = Arrays.stream(RS.u).min().getAsDouble();
        final double high = Arrays.stream(RS.u).max().getAsDouble();
        // The held current's vertex inside the trajectory's range, the drive's 1.5 spans above it.
        final double held = (low + high) / 2 + 16.25 + 0.5;
        final double drive = high + 1.5 * (high - low) + 16.25;
        final NeuronFigure figure = new NeuronFigure("RZ", RS.t, RS.v, RS.u, RS.current, "", RS.spikes)
            .nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, drive, held);
        final java.util.List<org.izhsim.output.plot.Axes> axes = figure.build().axes();
        final org.izhsim.output.plot.Axes phase = axes.get(axes.size() - 1);
        assertTrue(drive - 16.25 < phase.yMax(), "the drive's vertex " + (drive - 16.25) + " under the view's top " +
            phase.yMax());
        assertEquals("-0.5", NeuronFigure.number(-0.5));
        assertEquals("10", NeuronFigure.number(10));
        assertEquals("3.14", NeuronFigure.number(Math.PI));
        assertEquals("1.00e-05", NeuronFigure.number(1e-5));
    }

    @Test
    void theHeldCurrentsNullclineIsLabelledBesideTheStrongest() throws Exception
    {
        final String svg = new NeuronFigure("RZ", RS.t, RS.v, RS.u, RS.current, "", RS.spikes)
            .nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, 10, 0).build().toSvg();
        assertTrue(svg.contains(">v-nullcline (I = 10)<") && svg.contains(">v-nullcline (I = 0)<"), svg.substring(0, 300));
        final String same = new NeuronFigure("RS", RS.t, RS.v, RS.u, RS.current, "", RS.spikes)
            .nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, 10, 10).build().toSvg();
        assertTrue(same.contains(">v-nullcline (I = 10)<") && !same.contains(">v-nullcline (I = 0)<"));
    }

    /**
     * A trace's spike sample holds u after the reset (figure1.m's uu): the phase plane drew the peak there, so the
     * upstroke climbed by d and the reset was flat. Given u before each reset, every phase-plane peak moves to it
     * (5 below here: the same number of pixels down for each) and nothing else moves.
     */
    @Test
    void thePhasePlaneDrawsEachSpikePeakAtUBeforeItsReset() throws Exception
    {
        final List<double[]> plain = phaseCircles(figure());
        final List<double[]> reset = phaseCircles(figure().uBeforeReset(u -> u - 5));
        assertEquals(plain.stream().map(java.util.Arrays::toString).toList(), phaseCircles(figure().uBeforeReset(
            u -> Double.NaN)).stream().map(java.util.Arrays::toString).toList(), "NaN: not undone, drawn as before");
        assertEquals(plain.size(), reset.size());
        int moved = 0;
        double shift = Double.NaN;
        for (int k = 0; k < plain.size(); k++)
        {
            assertEquals(plain.get(k)[0], reset.get(k)[0], 1e-9, "cx of circle " + k);
            final double dy = reset.get(k)[1] - plain.get(k)[1];
            if (Math.abs(dy) > 1e-9)
            {
                moved++;
                shift = Double.isNaN(shift) ? dy : shift;
                assertEquals(shift, dy, 0.15, "every peak moves by 5 in u (SVG coordinates have one decimal)");
            }
        }
        assertEquals(RS.spikes.length, moved, "peaks moved");
        assertTrue(shift > 0, "lower u is further down: " + shift);
    }

    /**
     * The LTS cell's cutoff 40 - 0.1 u falls as u grows within a spike, so the spike row's v (the cutoff) can be below
     * the row before it: the peak is the spike row's, not the highest v near it (it was drawn a step early).
     */
    @Test
    void aPeakIsDrawnAtItsSpikeRowEvenBelowTheRowBefore() throws Exception
    {
        final double[] t = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        final double[] u = {0, 1, 2, 3, 4, 5, 25, 24, 23, 22};
        final double[] i = new double[t.length];
        final double[] lower = {-60, -55, -50, -40, 24.8, 24.7, -47, -46, -45, -44};
        final double[] higher = {-60, -55, -50, -40, 10.0, 24.7, -47, -46, -45, -44};
        final java.util.function.Function<double[], List<double[]>> circles = v ->
        {
            try
            {
                final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
                    new ByteArrayInputStream(new NeuronFigure("LTS", t, v, u, i, "pA", new double[] {5}).build()
                        .toSvg().getBytes(StandardCharsets.UTF_8)));
                final NodeList all = doc.getElementsByTagName("circle");
                final List<double[]> out = new ArrayList<>();
                for (int k = 0; k < all.getLength(); k++)
                {
                    final org.w3c.dom.Element c = (org.w3c.dom.Element)all.item(k);
                    out.add(new double[] {Double.parseDouble(c.getAttribute("cx")),
                        Double.parseDouble(c.getAttribute("cy"))});
                }
                return out;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        };
        final List<double[]> a = circles.apply(lower);
        final List<double[]> b = circles.apply(higher);
        assertEquals(b.size(), a.size());
        assertEquals(b.get(0)[0], a.get(0)[0], 1e-9, "the v(t) marker at t = 5 ms in both");
    }

    /** (cx, cy) of the circles right of the v(t) panel, in the order of the SVG. */
    private static List<double[]> phaseCircles(final NeuronFigure figure) throws Exception
    {
        final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(figure.build().toSvg().getBytes(StandardCharsets.UTF_8)));
        final NodeList circles = doc.getElementsByTagName("circle");
        final List<double[]> out = new ArrayList<>();
        for (int k = 0; k < circles.getLength(); k++)
        {
            final org.w3c.dom.Element c = (org.w3c.dom.Element)circles.item(k);
            final double cx = Double.parseDouble(c.getAttribute("cx"));
            if (cx > 0.62 * NeuronFigure.WIDTH)
            {
                out.add(new double[] {cx, Double.parseDouble(c.getAttribute("cy"))});
            }
        }
        return out;
    }

    @Test
    void aLongRunSpikingAtAlmostEveryStepMakesABoundedSvg()
    {
        // 600,001 samples, a spike every few steps: every sample in the phase plane and a circle per spike in both
        // panels made tens of MB here, and near sim neuron's trace limit an OutOfMemoryError.
        final SyntheticNeuron fast = new SyntheticNeuron(60_000, 0, 2_000);
        assertTrue(fast.spikes.length > 20_000, "more spikes than MarkerSeries draws one by one: " + fast.spikes.length);
        final String svg = new NeuronFigure("fast", fast.t, fast.v, fast.u, fast.current, "", fast.spikes)
            .nullclines((v, i) -> 0.04 * v * v + 5 * v + 140 + i, v -> 0.2 * v, 2_000).build().toSvg();

        assertTrue(svg.length() < 4_000_000, "SVG of " + svg.length() + " characters");
        // The phase plane says which part of the run it shows.
        assertTrue(svg.contains(">trajectory, last 200000 steps<"), "legend of the shortened trajectory");
    }

    @Test
    void unequalArraysAreRejected()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new NeuronFigure("x", new double[3], new double[3], new double[2], new double[3], "pA", new double[0]));
    }
}
