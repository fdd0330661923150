package org.izhsim.network.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link CheckpointExitTest} in its own JVM: claims eight --save-state files in folders it makes
 * ({@code ckK/a/b/s.ckpt}), starts a save's partial file beside each claim (and, "closed", lets go of the claim
 * then), and exits as a second Ctrl-C does: the exit's clean-up must leave no partial file and no folder.
 */
public final class ClaimAndSaveThenExit
{
    private ClaimAndSaveThenExit()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        for (int k = 0; k < 8; k++)
        {
            final Path file = Path.of(args[0], "ck" + k, "a", "b", "s.ckpt");
            final Checkpoint.Claim claim = Checkpoint.claim(file);
            Checkpoint.AtExit.create(file.resolveSibling(".s.ckpt.save-" + k + ".partial"), file, List.of());
            if (args.length > 1 && args[1].equals("closed"))
            {
                // The run let go of its claim while the stop's save was under way.
                claim.close();
            }
        }
        System.out.println("saving");
        System.out.flush();
        System.exit(130);
    }
}
