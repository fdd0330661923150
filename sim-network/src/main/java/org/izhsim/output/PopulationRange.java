package org.izhsim.output;

/**
 * A named block of consecutive neuron ids, e.g. the 800 excitatory neurons 0..799 of Izhikevich
 * (2003), Fig. 3.
 *
 * @param name       shown in legends and CSV headers, e.g. "excitatory".
 * @param firstId    first neuron id of the block.
 * @param count      number of neurons, &gt; 0.
 * @param colorIndex index into {@link org.izhsim.output.plot.Palette#color(int)}.
 */
public record PopulationRange(String name, int firstId, int count, int colorIndex)
{
    public PopulationRange
    {
        if (count <= 0 || firstId < 0)
        {
            throw new IllegalArgumentException("population '" + name + "' needs firstId >= 0 and count > 0, got "
                + firstId + " and " + count);
        }
    }

    public boolean contains(final int id)
    {
        return id >= firstId && id - firstId < count;
    }

    /**
     * @return the index of the population containing {@code id}, or -1.
     */
    static int indexOf(final PopulationRange[] populations, final int id)
    {
        for (int p = 0; p < populations.length; p++)
        {
            if (populations[p].contains(id))
            {
                return p;
            }
        }
        return -1;
    }
}
