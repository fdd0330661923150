package org.izhsim.network.engine;

/**
 * Chooses, once per window of steps, between two ways of running a network's steps that give the same spikes: the
 * team (every thread works on each step: {@link SliceClaims}' slices, {@link PlasticityPipeline}'s two stages) and
 * one thread alone, by the wall time per step each mode last achieved. The mode that won stays for 1, 2, 4 ..
 * {@value #MAX_STAY} windows (doubling while it keeps winning), then the other is tried for one window again, and a
 * trial that is already {@value #ABORT_RATIO} times slower than the other mode's time ends early. Team work pays
 * when each thread has a core; when another program keeps a core busy, a thread descheduled while the others need
 * its work stalls the step for a scheduler slice (milliseconds) and one thread alone is faster: this bounds what the
 * wrong mode costs to about one trial window in {@value #MAX_STAY}. Used by one thread at a time; not thread-safe.
 */
final class ModeChooser
{
    /** Steps per window at least, and its wall time at least. */
    static final int WINDOW_STEPS = 50;
    static final long WINDOW_NANOS = 2_000_000;
    static final int MAX_STAY = 64;
    static final double ABORT_RATIO = 1.5;
    private static final int MIN_ABORT_STEPS = 5;

    private boolean team = true;
    private boolean trial;
    private int stay = 1;
    private int windowsLeft = 1;
    private long windowStart;
    private int windowSteps;
    /** Wall nanoseconds per step last measured alone [0] and as a team [1]; 0 while unknown. */
    private final double[] nanosPerStep = new double[2];
    private long teamSteps;
    private long soloSteps;

    /** The mode of the next step: the team (true) or one thread alone. */
    boolean team()
    {
        return team;
    }

    /** At the start of a run: the next step starts a new window (the time between runs is no step's). */
    void restart()
    {
        windowStart = 0;
        windowSteps = 0;
    }

    /** Tests only: the wall nanoseconds per step last measured as a team (true) or alone; 0 while unknown. */
    double nanosPerStep(final boolean asTeam)
    {
        return nanosPerStep[asTeam ? 1 : 0];
    }

    /** Steps run as a team and alone, over the chooser's life. */
    long teamSteps()
    {
        return teamSteps;
    }

    long soloSteps()
    {
        return soloSteps;
    }

    /**
     * A step in the mode {@link #team()} named ended at {@code now} (nanoseconds); the first after {@link #restart()}
     * only starts the window.
     *
     * @return the mode of the next step.
     */
    boolean stepEnded(final long now)
    {
        if (windowStart == 0)
        {
            windowStart = now;
            return team;
        }
        windowSteps++;
        if (team)
        {
            teamSteps++;
        }
        else
        {
            soloSteps++;
        }
        final long elapsed = now - windowStart;
        final int mode = team ? 1 : 0;
        final double other = nanosPerStep[1 - mode];
        final boolean abort = trial && other > 0 && windowSteps >= MIN_ABORT_STEPS &&
            elapsed > ABORT_RATIO * other * windowSteps;
        if (!abort && (windowSteps < WINDOW_STEPS || elapsed < WINDOW_NANOS))
        {
            return team;
        }
        nanosPerStep[mode] = (double)elapsed / windowSteps;
        if (trial)
        {
            trial = false;
            final boolean teamWins = nanosPerStep[1] <= nanosPerStep[0];
            // The trial is of the mode that lost last time: if it lost again, stay longer with the other.
            stay = teamWins == team ? 1 : Math.min(2 * stay, MAX_STAY);
            windowsLeft = stay;
            team = teamWins;
        }
        else if (--windowsLeft <= 0)
        {
            trial = true;
            team = !team;
        }
        windowStart = now;
        windowSteps = 0;
        return team;
    }
}
