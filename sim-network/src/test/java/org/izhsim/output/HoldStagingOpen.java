package org.izhsim.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link StagingCleanupTest} in its own JVM: opens an output folder, writes into it, prints the
 * staging folder, then commits and exits ("commit"), waits to be killed ("wait"), or exits at once after saying its
 * own line ("said").
 */
public final class HoldStagingOpen
{
    private HoldStagingOpen()
    {
    }

    public static void main(final String[] args) throws IOException, InterruptedException
    {
        final OutputDirectory out = OutputDirectory.create(Path.of(args[0]));
        Files.writeString(out.resolve("part.csv"), "t_ms\n1\n");
        if (args[1].equals("commit"))
        {
            out.commit();
            System.out.println("committed " + out.target());
            System.exit(0);
        }
        System.out.println("staging " + out.path());
        System.out.flush();
        if (args[1].equals("said"))
        {
            // The process's own line said that nothing was written (sim run interrupted while it prepared).
            OutputDirectory.nothingWrittenSaid();
            System.exit(130);
        }
        Thread.sleep(60_000);
        System.exit(1);
    }
}
