package org.izhsim.cli;

import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;
import org.izhsim.core.run.SingleNeuronRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GalleryCommandTest
{
    @TempDir
    Path tmp;

    @Test
    void writesTheFigureAndEachFeaturesPublishedSpikes() throws IOException
    {
        final Path out = tmp.resolve("gallery");
        final CommandLineRun run = CommandLineRun.of("gallery", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        final BufferedImage image = ImageIO.read(out.resolve("features.png").toFile());
        assertEquals(1600, image.getWidth());
        assertEquals(1800, image.getHeight());
        final List<Preset> features = Presets.group(PresetGroup.IZHIKEVICH_2004_FIG1);
        assertEquals(20, features.size());
        for (final Preset feature : features)
        {
            final List<String> lines = Files.readAllLines(out.resolve(feature.name()).resolve("spikes.csv"));
            final double[] expected = SingleNeuronRun.run(feature.runSpec()).spikeTimes();
            assertEquals(expected.length + 1, lines.size(), feature.name());
            for (int i = 0; i < expected.length; i++)
            {
                assertEquals(expected[i], Double.parseDouble(lines.get(i + 1)), feature.name());
            }
        }
    }
}
