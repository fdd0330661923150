package org.izhsim.output;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

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
        final CountDownLatch exiting = new CountDownLatch(1);
        final CountDownLatch asked = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            exiting.countDown();
            try
            {
                // The JVM halts once every hook is done: this one waits for the main thread's attempt.
                asked.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }));
        new Thread(() -> System.exit(130)).start();
        exiting.await();
        // The staging folders' own hook, when there is one, runs beside ours: let it begin.
        Thread.sleep(200);
        try
        {
            final OutputDirectory out = OutputDirectory.create(Path.of(args[0]));
            System.out.println("made " + out.path());
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
