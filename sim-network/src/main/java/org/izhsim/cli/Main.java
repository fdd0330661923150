package org.izhsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./sim}: dispatches to the sub-commands.
 */
@Command(name = "sim", mixinStandardHelpOptions = true, version = "izhsim 0.1.0",
    description = "Izhikevich spiking neuron and network simulator.")
public final class Main implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
