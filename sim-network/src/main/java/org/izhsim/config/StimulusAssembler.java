package org.izhsim.config;

import org.izhsim.core.stimulus.Constant;
import org.izhsim.core.stimulus.Gated;
import org.izhsim.core.stimulus.Interval;
import org.izhsim.core.stimulus.PulseTrain;
import org.izhsim.core.stimulus.Sine;
import org.izhsim.core.stimulus.Stimuli;
import org.izhsim.core.stimulus.Stimulus;
import org.izhsim.core.stimulus.Sum;
import org.izhsim.core.stimulus.TabulatedCurrent;
import org.izhsim.core.stimulus.WhiteNoise;

import java.nio.file.Path;

/**
 * Turns a validated stimulus file ({@link StimulusConfig}) into the sim-core {@link Stimulus} that a
 * single-neuron run samples: one term per component, summed.
 */
public final class StimulusAssembler
{
    private StimulusAssembler()
    {
    }

    /**
     * @param file a stimulus file; errors in it or in a CSV table it names come out located.
     * @return the summed current.
     */
    public static Stimulus load(final Path file)
    {
        return assemble(StimulusLoader.load(file));
    }

    public static Stimulus assemble(final StimulusConfig config)
    {
        final Stimulus[] terms = new Stimulus[config.components().size()];
        for (int i = 0; i < terms.length; i++)
        {
            terms[i] = term(config.components().get(i));
        }
        return terms.length == 1 ? terms[0] : new Sum(terms);
    }

    private static Stimulus term(final StimulusComponent component)
    {
        if (component instanceof StimulusComponent.Dc)
        {
            final StimulusComponent.Dc dc = (StimulusComponent.Dc)component;
            return Stimuli.dc(dc.amplitude(), dc.onsetMs(), dc.offsetMs());
        }
        if (component instanceof StimulusComponent.PulseTrain)
        {
            final StimulusComponent.PulseTrain train = (StimulusComponent.PulseTrain)component;
            return new PulseTrain(train.amplitude(), train.startMs(), train.widthMs(), train.periodMs(), train.count());
        }
        if (component instanceof StimulusComponent.Ramp)
        {
            final StimulusComponent.Ramp ramp = (StimulusComponent.Ramp)component;
            return Stimuli.ramp(ramp.startMs(), ramp.endMs(), ramp.from(), ramp.to());
        }
        if (component instanceof StimulusComponent.Sine)
        {
            final StimulusComponent.Sine sine = (StimulusComponent.Sine)component;
            final Stimulus wave = new Sine(sine.amplitude(), sine.frequencyHz(), Math.toRadians(sine.phaseDeg()),
                sine.onsetMs(), sine.offsetMs());
            return sine.offset() == 0.0 ? wave :
                wave.plus(new Gated(Interval.closedOpen(sine.onsetMs(), sine.offsetMs()), new Constant(sine.offset())));
        }
        if (component instanceof StimulusComponent.Noise)
        {
            final StimulusComponent.Noise noise = (StimulusComponent.Noise)component;
            final Stimulus white = WhiteNoise.always(noise.sd(), noise.seed());
            return noise.mean() == 0.0 ? white : white.plus(new Constant(noise.mean()));
        }
        final StimulusComponent.Csv csv = (StimulusComponent.Csv)component;
        return TabulatedCurrent.fromCsv(csv.file());
    }
}
