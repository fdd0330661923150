package org.izhsim.output.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG files are written through a stream of ours: a folder that has gone is one exception, no printed trace. */
class PngWriteTest
{
    @TempDir
    Path tmp;

    /**
     * The output folder removed while weights.png was written: ImageIO's file output printed a 26-line stack trace
     * (FileNotFoundException, from its FileImageOutputStreamSpi) before the run's one-line report.
     */
    @Test
    void aPngIntoAFolderThatHasGoneIsOneExceptionAndNothingPrinted() throws Exception
    {
        final BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        final PrintStream err = System.err;
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        final UncheckedIOException ex;
        try
        {
            ex = assertThrows(UncheckedIOException.class, () -> PngCanvas.writePng(image, tmp.resolve("gone")
                .resolve("weights.png")));
        }
        finally
        {
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
        assertTrue(ex.getMessage().startsWith("cannot write " + tmp.resolve("gone").resolve("weights.png")),
            ex.getMessage());
        // And the file it writes where the folder is: a PNG of the image.
        final Path file = tmp.resolve("ok.png");
        PngCanvas.writePng(image, file);
        assertEquals(20, ImageIO.read(file.toFile()).getWidth());
        assertTrue(Files.size(file) > 0);
    }
}
