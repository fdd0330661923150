package org.izhsim.network.synapse;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Lets a caller stop a network's build between two chunks of its synapse construction ({@link ParallelChunks}):
 * the explorer's Stop during a long build (sparse1m takes 40 s and more on 2 cores) did nothing until the build was
 * over. The condition is held by the building thread and inherited by the build's own short-lived threads; a build
 * outside {@link #unless} is never cancelled.
 */
public final class BuildCancel
{
    private static final InheritableThreadLocal<BooleanSupplier> CONDITION = new InheritableThreadLocal<>();

    private BuildCancel()
    {
    }

    /** A build stopped by its caller: what it built so far is garbage. */
    public static final class Cancelled extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Cancelled()
        {
            super("the network's build was stopped", null, false, false);
        }
    }

    /**
     * Runs {@code build} on this thread, ending it with {@link Cancelled} at the next chunk boundary after
     * {@code cancelled} turns true.
     */
    public static <T> T unless(final BooleanSupplier cancelled, final Supplier<T> build)
    {
        final BooleanSupplier outer = CONDITION.get();
        CONDITION.set(cancelled);
        try
        {
            return build.get();
        }
        finally
        {
            if (outer == null)
            {
                CONDITION.remove();
            }
            else
            {
                CONDITION.set(outer);
            }
        }
    }

    /** @throws Cancelled when the build this thread works for has been asked to stop. */
    static void check()
    {
        final BooleanSupplier cancelled = CONDITION.get();
        if (cancelled != null && cancelled.getAsBoolean())
        {
            throw new Cancelled();
        }
    }
}
