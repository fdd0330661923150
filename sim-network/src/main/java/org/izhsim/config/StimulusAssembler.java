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
import java.util.ArrayList;
import java.util.List;

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
     * @return the summed current, and when each component acts.
     */
    public static StimulusFile load(final Path file)
    {
        return assembleWithSpans(StimulusLoader.load(file));
    }

    public static Stimulus assemble(final StimulusConfig config)
    {
        return assembleWithSpans(config).current();
    }

    private static StimulusFile assembleWithSpans(final StimulusConfig config)
    {
        final Stimulus[] terms = new Stimulus[config.components().size()];
        final List<StimulusFile.Span> spans = new ArrayList<>();
        for (int i = 0; i < terms.length; i++)
        {
            final StimulusComponent component = config.components().get(i);
            terms[i] = term(component);
            spans.add(span(component, terms[i], config.origins().get(i) + ": " + type(component) + " (stimulus item " +
                (i + 1) + ")"));
        }
        return new StimulusFile(terms.length == 1 ? terms[0] : new Sum(terms), spans);
    }

    /** When a component acts: as its term computes the current (a table holds its first and last currents). */
    private static StimulusFile.Span span(final StimulusComponent component, final Stimulus term, final String label)
    {
        if (component instanceof StimulusComponent.Dc dc)
        {
            return StimulusFile.Span.step(label, dc.onsetMs(), dc.offsetMs(), term);
        }
        if (component instanceof StimulusComponent.PulseTrain train)
        {
            return new StimulusFile.Span(label, train.startMs(),
                train.startMs() + (train.count() - 1) * train.periodMs() + train.widthMs(), train.count(),
                train.widthMs(), train.periodMs(), term);
        }
        if (component instanceof StimulusComponent.Ramp ramp)
        {
            return new StimulusFile.Span(label, ramp.startMs(), ramp.endMs(), false);
        }
        if (component instanceof StimulusComponent.Sine sine)
        {
            return StimulusFile.Span.sine(label, sine.onsetMs(), sine.offsetMs(), sine.frequencyHz());
        }
        if (component instanceof StimulusComponent.Noise)
        {
            return new StimulusFile.Span(label, 0.0, Double.POSITIVE_INFINITY, false);
        }
        return new StimulusFile.Span(label, 0.0, ((TabulatedCurrent)term).lastTimeMs(), true);
    }

    /** The component's key in a stimulus file. */
    private static String type(final StimulusComponent component)
    {
        return component instanceof StimulusComponent.Dc ? "dc" : component instanceof StimulusComponent.PulseTrain ?
            "pulse_train" : component instanceof StimulusComponent.Ramp ? "ramp" : component instanceof
            StimulusComponent.Sine ? "sine" : component instanceof StimulusComponent.Noise ? "noise" : "csv";
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
