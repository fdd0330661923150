package org.izhsim.network;

/**
 * A population's place in the global neuron numbering: neurons {@code first .. first + size - 1}.
 * Immutable.
 *
 * @param name  the population's name, unique in its network.
 * @param first global id of its first neuron.
 * @param size  number of neurons, >= 1.
 */
public record PopulationRange(String name, int first, int size)
{
    /** One past the last neuron's global id. */
    public int end()
    {
        return first + size;
    }

    public boolean contains(final int neuron)
    {
        return neuron >= first && neuron < first + size;
    }

    /** The index of the population containing {@code neuron}, or -1. */
    public static int indexOf(final PopulationRange[] populations, final int neuron)
    {
        for (int p = 0; p < populations.length; p++)
        {
            if (populations[p].contains(neuron))
            {
                return p;
            }
        }
        return -1;
    }
}
