package org.izhsim.cli;

import org.izhsim.core.InputException;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A file of {@code sim neuron --out} or {@code sim gallery --out} that could not be written (a full disk, a
 * quota): one line naming the output folder and the reason instead of a stack trace. The staging folder is
 * deleted as for any other failure, and an earlier output folder of that name stays as it was.
 */
final class OutputWriteFailure
{
    private OutputWriteFailure()
    {
    }

    static InputException of(final Path out, final UncheckedIOException ex)
    {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root)
        {
            root = root.getCause();
        }
        final String reason = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return new InputException("cannot write the outputs into '" + out + "' (--out): " + reason +
            "; nothing was written there");
    }
}
