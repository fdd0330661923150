package org.izhsim;

import java.util.concurrent.CountDownLatch;

/**
 * For a test's child JVM: begins the JVM's exit as a signal's handler does (System.exit on another thread), holds it
 * while {@code attempt} runs on this thread, as sim run's main thread goes on after a Ctrl-C, prints what it did,
 * then lets the exit end the JVM.
 */
public final class ExitUnderWay
{
    private ExitUnderWay()
    {
    }

    /** What the attempt did: a line for the parent test to read. */
    @FunctionalInterface
    public interface Attempt
    {
        String run();
    }

    public static void attempt(final Attempt attempt) throws InterruptedException
    {
        final CountDownLatch exiting = new CountDownLatch(1);
        final CountDownLatch asked = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            exiting.countDown();
            try
            {
                // The JVM halts once every hook is done: this one waits for the attempt.
                asked.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }));
        new Thread(() -> System.exit(130)).start();
        exiting.await();
        // The program's own hooks run beside this one: let them begin.
        Thread.sleep(200);
        String said;
        try
        {
            said = attempt.run();
        }
        catch (final RuntimeException refused)
        {
            said = "refused: " + refused.getMessage();
        }
        System.out.println(said);
        System.out.flush();
        asked.countDown();
        Thread.sleep(60_000);
    }
}
