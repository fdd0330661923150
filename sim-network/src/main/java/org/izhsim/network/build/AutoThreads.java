package org.izhsim.network.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code threads: auto} resolves to: one thread per core that is actually free, and one thread for a network
 * too small to gain from a second.
 * <p>
 * The rule, {@link #choose}: {@code min(cores, free cores, 1 per MIN_NEURONS_PER_THREAD neurons)}, at least 1,
 * where free cores = {@code cores - round(busy)} and busy is what other programs use now: on Linux, the CPU time
 * the whole machine spent outside idle over {@value #SAMPLE_MILLIS} ms ({@code /proc/stat}) minus this process's
 * own ({@code /proc/self/stat}), in cores; elsewhere the 1-minute load average
 * ({@code OperatingSystemMXBean.getSystemLoadAverage}, absent on Windows: counts as 0). The load average alone
 * was used first and lags by a minute: right after a build (the README's first command) it still read 1.4 on an
 * idle 2-core machine, and sparse1m then built with one thread in 95 s instead of 60.
 * Measured on the 2-core VM of BENCHMARKS.md (issue 12, busy machine): a 1000-neuron step is about 9 us of work,
 * which a second thread can shorten by 4 us at best while a descheduled thread holding its slice costs
 * milliseconds, so below {@value #MIN_NEURONS_PER_THREAD} neurons per thread a second thread is a bet that loses
 * whenever another program wants a core; and with one core kept busy by another program, two threads on a
 * 2-core machine share one core with it. The thread count never changes the spikes, only the speed.
 * <p>
 * The network plan raises this count to the fewest threads whose target blocks hold their synapses within the
 * engine's limit, so that whether a network is accepted never depends on the load of the moment.
 */
public final class AutoThreads
{
    /** Below this many neurons per thread a step is too short (about 10 us at 10^3) to pay for a second thread. */
    public static final int MIN_NEURONS_PER_THREAD = 4096;

    private AutoThreads()
    {
    }

    /** The thread count of {@code threads: auto} for a network of {@code neurons} on this machine, now. */
    /** How long {@link #forThisMachine} watches the machine's CPU time, in milliseconds. */
    static final int SAMPLE_MILLIS = 200;

    public static int forThisMachine(final int neurons)
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        if (neurons < 2 * MIN_NEURONS_PER_THREAD || cores < 2)
        {
            return 1;
        }
        return choose(neurons, cores, busyNow(cores));
    }

    /** {@link #busyCoresNow}, or the 1-minute load average where /proc cannot be read. */
    private static double busyNow(final int cores)
    {
        final double busy = busyCoresNow(cores);
        return busy >= 0 ? busy : ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Whether a plastic network that pipelines its plasticity at two threads ({@link NetworkPlan#pipelinesPlasticity})
     * gets them under {@code threads: auto}: when two cores are free. Its two threads meet only at the weight
     * updates and within {@link NetworkPlan#PIPELINE_LEAD} steps, not at every step as two slices do, so the small
     * network's bet above does not apply; with a core kept busy, 2 threads gain nothing (spnet2006 beside one busy
     * process on this 2-core VM: 0.00447 at 2 threads against 0.00434 at 1, the dynamics thread going on alone), and
     * one thread it is.
     */
    static boolean twoFreeCores()
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2)
        {
            return false;
        }
        return choose(2 * MIN_NEURONS_PER_THREAD, cores, busyNow(cores)) >= 2;
    }

    /**
     * Cores kept busy by other programs over the next {@value #SAMPLE_MILLIS} ms, from Linux's {@code /proc/stat}
     * and {@code /proc/self/stat}; negative when they cannot be read.
     */
    static double busyCoresNow(final int cores)
    {
        try
        {
            final long[] before = machineTicks();
            final long ownBefore = ownTicks();
            Thread.sleep(SAMPLE_MILLIS);
            final long[] after = machineTicks();
            final long ownAfter = ownTicks();
            return otherBusyCores(before, after, ownAfter - ownBefore, cores);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Cores busy with other programs between two readings of {@code /proc/stat}'s first line: the ticks spent
     * outside idle and iowait, less this process's own, over all ticks, times the cores.
     *
     * @param before   {total, idle} ticks of the first reading.
     * @param after    the same, later.
     * @param ownTicks this process's user + system ticks between the two.
     * @return at least 0; negative when no tick passed.
     */
    static double otherBusyCores(final long[] before, final long[] after, final long ownTicks, final int cores)
    {
        final long total = after[0] - before[0];
        if (total <= 0)
        {
            return -1;
        }
        final long busy = total - (after[1] - before[1]) - ownTicks;
        return Math.max(0, (double)busy / total * cores);
    }

    /** {total, idle + iowait} ticks of all CPUs, from the first line of /proc/stat ("cpu user nice system idle iowait ..."). */
    static long[] parseCpuLine(final String line)
    {
        final String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 6)
        {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + line);
        }
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest and guest_nice are already inside user and nice.
        for (int i = 1; i < Math.min(f.length, 9); i++)
        {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    /** utime + stime of /proc/self/stat (fields 14 and 15, counted after the parenthesised command name). */
    static long parseOwnTicks(final String stat)
    {
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field k is f[k - 3].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long[] machineTicks() throws IOException
    {
        try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/stat")))
        {
            final String line = in.readLine();
            if (line == null)
            {
                throw new IOException("/proc/stat is empty");
            }
            return parseCpuLine(line);
        }
    }

    private static long ownTicks() throws IOException
    {
        return parseOwnTicks(Files.readString(Path.of("/proc/self/stat")));
    }

    /**
     * @param cores       processors this JVM may use.
     * @param loadAverage cores busy with other programs (or the 1-minute load average), negative when unknown.
     */
    public static int choose(final int neurons, final int cores, final double loadAverage)
    {
        final long busy = loadAverage > 0 ? Math.round(loadAverage) : 0;
        final long free = Math.max(1, cores - busy);
        final long bySize = Math.max(1, neurons / MIN_NEURONS_PER_THREAD);
        return (int)Math.max(1, Math.min(Math.min(cores, free), bySize));
    }
}
