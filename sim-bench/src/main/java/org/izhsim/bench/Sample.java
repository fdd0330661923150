package org.izhsim.bench;

/**
 * One measured run of one network at one thread count, after its warm-up.
 *
 * @param buildSeconds        wall time of the network's construction (parameters, synapses, buffers).
 * @param runSeconds          wall time of the measured steps only.
 * @param realTimeFactor      runSeconds / simulated seconds: below 1 is faster than real time.
 * @param eventsPerSecond     synaptic events delivered per wall-clock second of the run.
 * @param neuronStepsPerSecond neuron updates per wall-clock second of the run.
 * @param stepP50Micros       step latency percentiles (HdrHistogram of every step's wall time).
 * @param spikes              spikes in the measured steps.
 * @param peakHeapBytes       peak heap use during build and run (sum of the heap pools' peaks, reset first).
 * @param cpuCores            CPU time of the JVM's Java threads over wall time during the measured run: about
 *                            the thread count when the machine gave us its cores, less when other work took them
 *                            (the JIT's and GC's threads not included).
 */
public record Sample(double buildSeconds, double runSeconds, double realTimeFactor, double eventsPerSecond,
    double neuronStepsPerSecond, double stepP50Micros, double stepP99Micros, double stepMaxMicros, long spikes,
    long peakHeapBytes, double cpuCores)
{
}
