package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.izhsim.network.PopulationRange;
import org.izhsim.network.build.InputSpec;
import org.izhsim.network.build.NetworkBuilder;
import org.izhsim.network.build.PopulationSpec;
import org.izhsim.network.engine.Network;
import org.izhsim.network.record.SimulationResult;
import org.izhsim.network.record.Traces;
import org.izhsim.output.plot.Palette;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * traces.png: a run with record.traces draws the traced neurons' v(t), one panel each (at most six), in their
 * population's colour; a trace far longer than the figure is wide draws from per-column extremes.
 */
class TracesFigureTest
{
    @Test
    void aRunWithTracesDrawsOnePanelPerTracedNeuronInItsPopulationsColour(@TempDir final Path dir) throws Exception
    {
        Assumptions.assumeTrue(org.izhsim.output.plot.TextMetrics.missingFonts() == null, "no fonts to draw with");
        final SimulationResult result;
        try (Network network = Network.build(new NetworkBuilder().seed(2).threads(1)
            .population(PopulationSpec.of("exc", 3).parameters(0.02, 0.2, -65, 8))
            .population(PopulationSpec.of("inh", 2).parameters(0.1, 0.2, -65, 2))
            .input(InputSpec.dc("exc", 10)).input(InputSpec.dc("inh", 10)).recordTraces(1, 3)))
        {
            result = network.run(200);
        }
        final Path target = dir.resolve("run");
        try (OutputDirectory out = OutputDirectory.create(target))
        {
            new RunOutputs(RunOutputs.Description.of("run", 2), result).writeTo(out);
            out.commit();
        }
        final BufferedImage image = ImageIO.read(target.resolve("traces.png").toFile());
        assertEquals(TracesFigure.WIDTH, image.getWidth());
        assertEquals(TracesFigure.height(2), image.getHeight());
        // Panel 0 (neuron 1, exc) in the first population's colour, panel 1 (neuron 3, inh) in the second's.
        assertTrue(count(image, Palette.color(0), 62, 62 + 130) > 200, "exc's v line in the first panel");
        assertTrue(count(image, Palette.color(1), 62 + 170, 62 + 170 + 130) > 200, "inh's v line in the second");
        assertEquals(0, count(image, Palette.color(1), 62, 62 + 130), "no inh colour in exc's panel");
    }

    /** 20 neurons traced for 3.6 million steps (an hour): six panels, drawn from 2 x 1200 points each. */
    @Test
    void anHourOfTracesDrawsSixPanelsFromColumnExtremes(@TempDir final Path dir) throws Exception
    {
        Assumptions.assumeTrue(org.izhsim.output.plot.TextMetrics.missingFonts() == null, "no fonts to draw with");
        final int steps = 3_600_000;
        final int[] neurons = new int[20];
        for (int k = 0; k < neurons.length; k++)
        {
            neurons[k] = k;
        }
        final Traces traces = new Traces(neurons, steps);
        for (int k = 0; k < 6; k++)
        {
            for (int s = 0; s < steps; s++)
            {
                // One spike to 30 mV every 100,000 steps: a column holds 3,000 steps, so the extremes must keep it.
                traces.record(k, s, s % 100_000 == 50_000 ? 30f : -65f + (s % 7), 0, 0);
            }
        }
        final Path file = dir.resolve("traces.png");
        new TracesFigure("hour", traces, List.of(new PopulationRange("exc", 0, 20)), 0, 1).writePng(file);
        final BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(TracesFigure.height(20), image.getHeight());
        assertTrue(Files.size(file) > 0);
        // In the first panel, the 36 spikes reach its top: pixels of the line near the upper edge of the plot area.
        assertTrue(count(image, Palette.color(0), 62, 62 + 20) >= 36, "the spikes survive the reduction");
    }

    /** The figure of a run that ended early says how and when in its title (a failed run's looked complete). */
    @Test
    void theTitleOfARunThatEndedEarlySaysHowAndWhen()
    {
        assertEquals(", the run failed at 52 ms (numerical blow-up)",
            RunOutputs.endedEarly(SimulationResult.StopReason.BLOW_UP, null, 52));
        assertEquals(", interrupted at 336000 ms", RunOutputs.endedEarly(SimulationResult.StopReason.INTERRUPTED, null,
            336000));
        assertEquals(", stopped at 10 ms", RunOutputs.endedEarly(SimulationResult.StopReason.INTERRUPTED, "the disk",
            10));
        assertEquals("", RunOutputs.endedEarly(SimulationResult.StopReason.COMPLETED, null, 1000));
    }

    /** Pixels of colour {@code rgb} (within a small tolerance for antialiasing) in rows {@code y0 .. y1 - 1}. */
    private static int count(final BufferedImage image, final int rgb, final int y0, final int y1)
    {
        int n = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                final int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) < 8 && Math.abs(((p >> 8) & 0xff) -
                    ((rgb >> 8) & 0xff)) < 8 && Math.abs((p & 0xff) - (rgb & 0xff)) < 8)
                {
                    n++;
                }
            }
        }
        return n;
    }
}
