package org.izhsim.network.build;

import java.lang.management.ManagementFactory;

/**
 * What {@code threads: auto} resolves to: one thread per core that is actually free, and one thread for a network
 * too small to gain from a second.
 * <p>
 * The rule, {@link #choose}: {@code min(cores, free cores, 1 per MIN_NEURONS_PER_THREAD neurons)}, at least 1,
 * where free cores = {@code cores - round(1-minute load average)} (the run queue of the whole machine, other
 * programs included; {@code OperatingSystemMXBean.getSystemLoadAverage}, absent on Windows, counts as 0).
 * Measured on the 2-core VM of BENCHMARKS.md (issue 12, busy machine): a 1000-neuron step is about 9 us of work,
 * which a second thread can shorten by 4 us at best while a descheduled thread holding its slice costs
 * milliseconds, so below {@value #MIN_NEURONS_PER_THREAD} neurons per thread a second thread is a bet that loses
 * whenever another program wants a core; and with one core kept busy by another program, two threads on a
 * 2-core machine share one core with it. The thread count never changes the spikes, only the speed.
 */
public final class AutoThreads
{
    /** Below this many neurons per thread a step is too short (about 10 us at 10^3) to pay for a second thread. */
    public static final int MIN_NEURONS_PER_THREAD = 4096;

    private AutoThreads()
    {
    }

    /** The thread count of {@code threads: auto} for a network of {@code neurons} on this machine, now. */
    public static int forThisMachine(final int neurons)
    {
        return choose(neurons, Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * @param cores       processors this JVM may use.
     * @param loadAverage the machine's 1-minute load average, negative when unknown.
     */
    public static int choose(final int neurons, final int cores, final double loadAverage)
    {
        final long busy = loadAverage > 0 ? Math.round(loadAverage) : 0;
        final long free = Math.max(1, cores - busy);
        final long bySize = Math.max(1, neurons / MIN_NEURONS_PER_THREAD);
        return (int)Math.max(1, Math.min(Math.min(cores, free), bySize));
    }
}
