package org.izhsim.network.engine;

import java.nio.file.Path;

/**
 * Run by {@link CheckpointExitTest} in its own JVM: begins the JVM's exit (as a second Ctrl-C's handler does), and
 * while the exit's hooks run claims a --save-state file in folders to be made, as sim run's main thread did when the
 * signal came as it claimed. "loaded": the checkpoints' clean-up is in place before the exit (an earlier claim);
 * "cold": the first claim comes after the exit began. Prints what the claim did.
 */
public final class ClaimStateWhileExiting
{
    private ClaimStateWhileExiting()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        if (args[1].equals("loaded"))
        {
            Network.claimStateTarget(Path.of(args[0]).resolveSibling("early.ckpt")).close();
        }
        org.izhsim.ExitUnderWay.attempt(() ->
        {
            Network.claimStateTarget(Path.of(args[0]));
            return "claimed";
        });
    }
}
