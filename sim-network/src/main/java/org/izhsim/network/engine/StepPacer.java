package org.izhsim.network.engine;

/**
 * Decides when the next step may start. Called by the coordinating worker after every step, outside the
 * timed part of the step, while the other workers wait at the barrier. An exception it throws ends the run at that
 * step boundary, as a stop does, and is rethrown by {@code Network.run}, whose result is lost; the network can run
 * on (one thrown by {@link #start} ends the run before its first step).
 */
public interface StepPacer
{
    /** Runs as fast as the machine allows. */
    StepPacer AS_FAST_AS_POSSIBLE = new StepPacer()
    {
        @Override
        public void start(final long nowNanos)
        {
        }

        @Override
        public long stepCompleted(final int stepsDone, final long nowNanos)
        {
            return nowNanos;
        }
    };

    /** The run starts now; deadlines count from here. */
    void start(long nowNanos);

    /**
     * Step {@code stepsDone} (1-based within the run) completed at {@code nowNanos}; returns, possibly after
     * waiting, the time at which the next step starts.
     */
    long stepCompleted(int stepsDone, long nowNanos);

    /**
     * Instead of {@link #stepCompleted}: step {@code stepsDone} completed at {@code nowNanos} and a stop ends the run
     * after it ({@link Network#requestStop()}, an interrupt of the running thread, a blow-up). No step follows, so
     * nothing must wait: a stop at 0.001 x real time waited for the stopping step's deadline, up to two periods after
     * the request. By default nothing.
     */
    default void stopping(final int stepsDone, final long nowNanos)
    {
    }
}
