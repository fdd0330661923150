package org.izhsim.output;

import java.nio.file.Path;

/**
 * Run by {@link StagingCleanupTest} in its own JVM: begins the JVM's exit (as a signal's handler does with
 * System.exit), and while the exit's hooks run asks for an output folder, as sim run's main thread did when a Ctrl-C
 * came while it prepared. "loaded": the staging folders' clean-up is in place before the exit; "cold": the first
 * output folder is asked for after it began. Prints what create did.
 */
public final class MakeOutputWhileExiting
{
    private MakeOutputWhileExiting()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        if (args[1].equals("loaded"))
        {
            StagingFolders.stem("x");
        }
        org.izhsim.ExitUnderWay.attempt(() -> "made " + OutputDirectory.create(Path.of(args[0])).path());
    }
}
