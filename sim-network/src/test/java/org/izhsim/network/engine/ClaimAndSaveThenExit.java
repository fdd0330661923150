package org.izhsim.network.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link CheckpointExitTest} in its own JVM: claims eight --save-state files in folders it makes
 * ({@code ckK/a/b/s.ckpt}), starts a save's partial file beside each claim, and exits as a second Ctrl-C does: the
 * exit's clean-up must leave no partial file and no folder.
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
            Checkpoint.claim(file);
            Checkpoint.AtExit.create(file.resolveSibling(".s.ckpt.save-" + k + ".partial"), file, List.of());
        }
        System.out.println("saving");
        System.out.flush();
        System.exit(130);
    }
}
