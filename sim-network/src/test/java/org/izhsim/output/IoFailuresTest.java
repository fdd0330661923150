package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** The one line printed for an I/O failure instead of a stack trace: the path and the operating system's reason. */
class IoFailuresTest
{
    @Test
    void aWrappedFailureNamesItsPathAndTheReasonAtTheRoot()
    {
        final IOException png = new IOException("I/O error writing PNG file!", new IOException("No space left on device"));
        assertEquals("cannot write out/neuron.png: No space left on device",
            IoFailures.describe(new UncheckedIOException("cannot write out/neuron.png: " + png.getMessage(), png)));
    }

    @Test
    void aMissingFileSaysItWasDeletedOrMovedRatherThanRepeatingItsPath()
    {
        final NoSuchFileException gone = new NoSuchFileException("out/.spikes/run0.spikes");
        assertEquals("cannot write out/.spikes/run0.spikes: no such file or folder (deleted or moved meanwhile?)",
            IoFailures.describe(new UncheckedIOException("cannot write out/.spikes/run0.spikes: " + gone.getMessage(), gone)));
    }

    @Test
    void aBareFileSystemFailureNamesItsFiles()
    {
        assertEquals("a -> b: Device or resource busy",
            IoFailures.describe(new FileSystemException("a", "b", "Device or resource busy")));
    }
}
