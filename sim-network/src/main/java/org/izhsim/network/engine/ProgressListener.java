package org.izhsim.network.engine;

/**
 * Told how a run advances. Called on the coordinating thread (the one that called
 * {@link Network#run(int, ProgressListener)}) about every 100 steps and after the last step, between two
 * steps: a slow listener slows the run, and it must not block. An exception it throws ends the run at that step
 * boundary, as a stop does, and is rethrown by {@code run}, whose result is lost; the network can run on.
 */
@FunctionalInterface
public interface ProgressListener
{
    ProgressListener NONE = (stepsDone, totalSteps, wallNanos) ->
    {
    };

    /**
     * @param stepsDone  steps completed in this run.
     * @param totalSteps steps this run will take.
     * @param wallNanos  wall time since the run started.
     */
    void onProgress(long stepsDone, long totalSteps, long wallNanos);
}
