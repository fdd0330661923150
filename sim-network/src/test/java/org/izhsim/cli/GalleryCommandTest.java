package org.izhsim.cli;

import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import sun.misc.SignalHandler;
import sun.misc.Signal;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GalleryCommandTest
{
    private static final Path OCTAVE = Path.of("..", "sim-core", "src", "test", "resources", "org", "izhsim", "core",
        "preset", "figure1-octave-spike-times.csv");

    @TempDir
    Path tmp;

    @Test
    void writesTheFigureAndEachFeaturesPublishedSpikes() throws IOException
    {
        final Path out = tmp.resolve("gallery");
        final CommandLineRun run = CommandLineRun.of("gallery", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(!run.err().contains("holds the outputs of an earlier run"), run.err());
        final BufferedImage image = ImageIO.read(out.resolve("features.png").toFile());
        assertEquals(1600, image.getWidth());
        assertEquals(1800, image.getHeight());
        final List<Preset> features = Presets.group(PresetGroup.IZHIKEVICH_2004_FIG1);
        assertEquals(20, features.size());
        // The published spikes: GNU Octave's run of figure1.m's loops, stored as data in sim-core's tests (not
        // recomputed here with the presets the command itself runs).
        final Map<String, double[]> published = new HashMap<>();
        for (final String row : Files.readAllLines(OCTAVE))
        {
            if (!row.startsWith("#"))
            {
                final String[] fields = row.split(",", -1);
                published.put(fields[0], fields[1].isBlank() ? new double[0] :
                    Arrays.stream(fields[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        for (final Preset feature : features)
        {
            final List<String> lines = Files.readAllLines(out.resolve(feature.name()).resolve("spikes.csv"));
            final double[] expected = published.get(feature.name());
            assertNotNull(expected, feature.name() + " is not in " + OCTAVE);
            assertTrue(expected.length > 0, feature.name() + " fires in the published loop");
            assertEquals(expected.length + 1, lines.size(), feature.name());
            for (int i = 0; i < expected.length; i++)
            {
                // The same step: Octave's k*tau is binary (42.800000000000004), spikes.csv the decimal (42.8).
                assertEquals(expected[i], Double.parseDouble(lines.get(i + 1)), 1e-9, feature.name());
            }
        }
    }

    /**
     * Ctrl-C (here SIGTERM, which the command treats alike) while the features run: the JVM's own handler ended the
     * process without a word. Now one line says how far it got and that nothing was written, exit 130, and no folder
     * is left. The signal is raised as the fourth feature starts, which waits until the handler has run and then
     * finishes: the run stops before the fifth (raised every 2 ms from outside, the signal missed the features in a
     * warm JVM, which run in a few ms, in one CI run).
     */
    /** A second gallery into the same folder says it replaces the first, as sim run does (it said nothing). */
    @Test
    void aSecondGalleryIntoTheSameFolderSaysItReplacesTheFirst()
    {
        final Path out = tmp.resolve("twice");
        assertEquals(0, CommandLineRun.of("gallery", "--out", out.toString()).exitCode());
        final CommandLineRun again = CommandLineRun.of("gallery", "--out", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("sim: warning: " + out + " holds the outputs of an earlier run ("), again.err());
    }

    @Test
    void aSignalWhileTheFeaturesRunSaysSoAndLeavesNothing() throws Exception
    {
        final Path out = tmp.resolve("stopped");
        final Signal term = new Signal("TERM");
        final AtomicInteger caughtByTest = new AtomicInteger();
        // Under the command's handler, so that a signal it does not take cannot end the test JVM.
        final SignalHandler original = Signal.handle(term, s -> caughtByTest.incrementAndGet());
        GalleryCommand.beforeFeature = index ->
        {
            if (index == 3)
            {
                Signal.raise(term);
                // The handler runs on the JVM's signal thread: give it the time to.
                LockSupport.parkNanos(200_000_000L);
            }
        };
        final CommandLineRun run;
        try
        {
            run = CommandLineRun.of("gallery", "--out", out.toString());
        }
        finally
        {
            GalleryCommand.beforeFeature = null;
            Signal.handle(term, original);
        }

        assertEquals(130, run.exitCode(), run.err());
        assertEquals("sim: interrupted after 4 of 20 features; nothing was written (" + out + " is as it was)",
            run.errorLine());
        assertEquals(0, caughtByTest.get(), "the command took the signal");
        assertFalse(Files.exists(out), "no folder is left");
        try (java.util.stream.Stream<Path> left = Files.list(tmp))
        {
            assertEquals(List.of(), left.toList(), "no staging folder is left either");
        }
    }

    /**
     * The staging folder gone while the features run (the exit's clean-up after a second Ctrl-C deletes it): the next
     * feature's folder was made with createDirectories, which made the staging folder again, and its spikes.csv was
     * left behind in a hidden folder.
     */
    @Test
    void aStagingFolderDeletedWhileTheFeaturesRunIsNotMadeAgain() throws Exception
    {
        final Path out = tmp.resolve("gx");
        GalleryCommand.beforeFeature = index ->
        {
            if (index == 2)
            {
                try (java.util.stream.Stream<Path> hidden = Files.walk(tmp))
                {
                    for (final Path p : hidden.sorted(java.util.Comparator.reverseOrder()).toList())
                    {
                        if (!p.equals(tmp))
                        {
                            Files.delete(p);
                        }
                    }
                }
                catch (final java.io.IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        };
        final CommandLineRun run;
        try
        {
            run = CommandLineRun.of("gallery", "--out", out.toString());
        }
        finally
        {
            GalleryCommand.beforeFeature = null;
        }
        assertEquals(1, run.exitCode(), run.err());
        try (java.util.stream.Stream<Path> left = Files.list(tmp))
        {
            assertEquals(List.of(), left.toList(), "no folder is made again");
        }
    }
}
