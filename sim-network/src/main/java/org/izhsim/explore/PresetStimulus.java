package org.izhsim.explore;

import org.izhsim.core.preset.Preset;
import org.izhsim.core.run.RunSpec;
import org.izhsim.core.stimulus.Stimulus;

/**
 * A preset's stimulus as the page's DC fields show it. When the published protocol, sampled on its own time
 * grid, is one DC step (zero, then I from step k0, then zero again from k1 or never), the fields hold exactly
 * that step and {@link #isStep()} is true; otherwise they hold a suggestion (the strongest current, from its
 * first step, or from 0 when that is the run's last step, as a ramp's) and the page starts in "published
 * protocol" mode.
 *
 * @param isStep  the protocol is exactly this DC step on the preset's grid.
 * @param current the step's amplitude.
 * @param onset   first step time at which it applies, ms.
 * @param offset  first step time at which it no longer applies, ms; NaN for never.
 */
record PresetStimulus(boolean isStep, double current, double onset, double offset)
{
    static PresetStimulus of(final Preset preset)
    {
        if (Double.isFinite(preset.defaultCurrent()))
        {
            return new PresetStimulus(true, preset.defaultCurrent(), 0.0, Double.NaN);
        }
        final RunSpec run = preset.runSpec();
        final Stimulus stimulus = preset.stimulus();
        final int steps = run.steps();
        final double dt = run.dtMs();
        double strongest = 0.0;
        int strongestAt = 0;
        for (int k = 0; k < steps; k++)
        {
            final double value = stimulus.current(k * dt, k);
            if (Math.abs(value) > Math.abs(strongest))
            {
                strongest = value;
                strongestAt = k;
            }
        }
        int first = strongestAt;
        while (first > 0 && stimulus.current((first - 1) * dt, first - 1) == strongest)
        {
            first--;
        }
        int end = strongestAt;
        while (end < steps && stimulus.current(end * dt, end) == strongest)
        {
            end++;
        }
        boolean zeroElsewhere = true;
        for (int k = 0; k < steps && zeroElsewhere; k++)
        {
            if (k < first || k >= end)
            {
                zeroElsewhere = stimulus.current(k * dt, k) == 0.0;
            }
        }
        final double offset = end < steps ? end * dt : Double.NaN;
        final boolean isStep = zeroElsewhere && strongest != 0.0;
        // A ramp is strongest at its last step: a step from there would apply nothing within the run (switching
        // class_1_excitable to "DC step" gave a flat zero current and no spike); the suggestion starts at 0 then.
        final double onset = !isStep && first == steps - 1 ? 0.0 : first * dt;
        return new PresetStimulus(isStep, strongest, onset, offset);
    }
}
