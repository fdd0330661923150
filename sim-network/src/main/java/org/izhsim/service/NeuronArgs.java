package org.izhsim.service;

import org.izhsim.config.StimulusAssembler;
import org.izhsim.core.InputException;
import org.izhsim.core.preset.Preset;
import org.izhsim.core.run.RunSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/**
 * The run that {@code sim neuron ARGS} would simulate, for callers other than the command line (the browser
 * explorer): parsing the same options with the same code means a copied command line reproduces the run.
 *
 * @param preset  the preset the options start from.
 * @param runSpec the preset's run with every option applied.
 * @param warnings what sim neuron would print as warnings before the run (a stimulus cut by the run's end, pulses
 *                 narrower than dt, a sine the steps cannot follow).
 */
public record NeuronArgs(Preset preset, RunSpec runSpec, List<String> warnings)
{
    /**
     * @param args options of {@code sim neuron} (without the subcommand name).
     * @return the preset and run they describe.
     * @throws InputException on any bad option, with the message the command line would print.
     */
    public static NeuronArgs parse(final List<String> args)
    {
        final Holder holder = Holder.of(args);
        final Preset preset = holder.options.preset();
        // The command line's warnings, for the explorer's page: its plot of the current shows a step cut by the run's
        // end, but not that a step narrower than dt fell between two steps (a flat line and no word).
        final List<String> warnings = new java.util.ArrayList<>();
        final RunSpec run = holder.options.runSpec(preset, StimulusAssembler::load, warnings::add);
        return new NeuronArgs(preset, run, List.copyOf(warnings));
    }

    /**
     * The run an f-I curve ({@code sim neuron ARGS --fi ...}) repeats once per current, for the explorer: ARGS
     * without --fi, parsed as the command line parses them ({@link NeuronOptions#fiRunSpec}: the curve's DC steps
     * replace any stimulus, the runs last --duration or 1000 ms).
     *
     * @return the preset and that run; no warnings (the curve's steps have none of a stimulus file's).
     * @throws InputException on any bad option, with the message the command line would print.
     */
    public static NeuronArgs parseFiCurve(final List<String> args)
    {
        final Holder holder = Holder.of(args);
        final Preset preset = holder.options.preset();
        return new NeuronArgs(preset, holder.options.fiRunSpec(preset), List.of());
    }

    @Command(name = "neuron")
    static final class Holder
    {
        @Mixin
        NeuronOptions options;

        /** {@code args} parsed as the command line parses them. */
        static Holder of(final List<String> args)
        {
            final Holder holder = new Holder();
            try
            {
                DecimalOption.registerOn(new CommandLine(holder)).parseArgs(args.toArray(new String[0]));
            }
            catch (final CommandLine.ParameterException ex)
            {
                throw new InputException(ex.getMessage());
            }
            return holder;
        }
    }
}
