package org.izhsim.network.engine;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

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
        final CountDownLatch exiting = new CountDownLatch(1);
        final CountDownLatch asked = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            exiting.countDown();
            try
            {
                asked.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }));
        new Thread(() -> System.exit(130)).start();
        exiting.await();
        Thread.sleep(200);
        try
        {
            Network.claimStateTarget(Path.of(args[0]));
            System.out.println("claimed");
        }
        catch (final RuntimeException refused)
        {
            System.out.println("refused: " + refused.getMessage());
        }
        System.out.flush();
        asked.countDown();
        Thread.sleep(60_000);
    }
}
