package org.izhsim.network.input;

/** A constant current into every neuron of the range. */
public final class DcDrive extends InputDrive
{
    private final float current;

    public DcDrive(final int first, final int end, final double current)
    {
        super(first, end);
        this.current = (float)current;
    }

    @Override
    protected void add(final float[] input, final int from, final int to, final long step, final long[] scratch)
    {
        final float current = this.current;
        for (int i = from; i < to; i++)
        {
            input[i] += current;
        }
    }
}
