package org.izhsim.explore;

import org.izhsim.core.model.Izhikevich2007Model;
import org.izhsim.core.model.NeuronModel;
import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.RunSpec;
import org.izhsim.core.run.SingleNeuronRun;
import org.izhsim.core.run.StateDiverged;
import org.izhsim.service.NeuronArgs;

import java.util.List;
import java.util.concurrent.Semaphore;

import org.izhsim.network.build.MemoryEstimate;

/**
 * The reply to POST /api/neuron: the run's spikes (the numbers {@code sim neuron --json} prints), its
 * decimated v, u and I traces, the nullclines of the (v, u) phase plane and the equivalent command line.
 */
final class NeuronReply
{
    /** Points per nullcline: smooth at the page's plot sizes. */
    private static final int NULLCLINE_POINTS = 240;

    /**
     * The heap that the traces of the neuron requests being simulated may take together, in KiB: half the heap, what
     * one request alone may take (SingleNeuronRun's check). Each request's check was its own: 60 requests at once of
     * 4990 ms at dt 0.005 (32 MB of trace each) under -Xmx512m ended in OutOfMemoryError.
     */
    static final Semaphore TRACE_KIB = new Semaphore((int)Math.min(Integer.MAX_VALUE,
        Runtime.getRuntime().maxMemory() / 2 / 1024));

    private NeuronReply()
    {
    }

    /** @throws ApiException 503 when the traces of the requests being simulated leave no room for this one's. */
    static byte[] simulate(final List<String> args)
    {
        final long start = System.nanoTime();
        final NeuronArgs parsed = NeuronRequest.parse(args);
        final RunSpec run = parsed.runSpec();
        final long traceBytes = (long)run.steps() * SingleNeuronRun.TRACE_BYTES_PER_STEP;
        final int kib = (int)Math.min(Integer.MAX_VALUE, (traceBytes + 1023) / 1024);
        if (!TRACE_KIB.tryAcquire(kib))
        {
            throw new ApiException(503, "the explorer is simulating other neurons' runs, whose traces take the memory " +
                "it gives them (" + MemoryEstimate.bytes(Runtime.getRuntime().maxMemory() / 2) + "); this one's (" +
                MemoryEstimate.bytes(traceBytes) + ") will fit when they have ended: try again");
        }
        try
        {
            return simulate(args, start, parsed, run);
        }
        finally
        {
            TRACE_KIB.release(kib);
        }
    }

    private static byte[] simulate(final List<String> args, final long start, final NeuronArgs parsed, final RunSpec run)
    {
        final RunResult result;
        try
        {
            result = SingleNeuronRun.run(run);
        }
        catch (final StateDiverged ex)
        {
            // Marked at dt, the first of the message's remedies (it came without a field: nothing was marked).
            throw new ApiException(400, "dt", NeuronRequest.inRequestWords(ex.getMessage()));
        }
        final List<String> warnings = new java.util.ArrayList<>(parsed.warnings());
        final String overshoot = org.izhsim.service.NeuronOptions.overshoot(result, run);
        if (overshoot != null)
        {
            warnings.add(overshoot);
        }
        final String saturated = org.izhsim.service.NeuronOptions.saturation(result, run);
        if (saturated != null)
        {
            warnings.add(saturated);
        }
        final int[] kept = TraceDecimation.indices(result.v());
        final NeuronModel model = run.model();
        final boolean model2007 = model instanceof Izhikevich2007Model;
        final double drive = result.strongestCurrent();
        // The current of most of the run (0 between pulses), when it is another: a second v-nullcline, as neuron.png.
        final double held = result.secondNullclineCurrent();
        final double[] grid = voltageGrid(result.v(), model);
        final double[] vNullcline = new double[grid.length];
        final double[] uNullcline = new double[grid.length];
        final double[] heldNullcline = Double.isNaN(held) ? null : new double[grid.length];
        for (int k = 0; k < grid.length; k++)
        {
            vNullcline[k] = model.vNullclineU(grid[k], drive);
            if (heldNullcline != null)
            {
                heldNullcline[k] = model.vNullclineU(grid[k], held);
            }
            uNullcline[k] = model.uNullclineU(grid[k]);
        }
        final List<Equilibria.Point> equilibria = Equilibria.of(model, grid, drive);
        final double serverMs = (System.nanoTime() - start) * 1e-6;
        return Json.write(json ->
        {
            json.writeStartObject();
            json.writeStringField("preset", parsed.preset().name());
            json.writeStringField("title", parsed.preset().title());
            json.writeStringField("model", model2007 ? "2007" : "2003");
            json.writeStringField("method", run.method().cliName());
            json.writeNumberField("dt", run.dtMs());
            json.writeNumberField("duration_ms", run.durationMs());
            json.writeNumberField("spike_count", result.spikeCount());
            Json.doubles(json, "spikes_ms", result.spikeTimes());
            Json.numberField(json, "first_spike_ms", result.firstSpikeMs());
            json.writeNumberField("mean_rate_hz", result.meanRateHz());
            json.writeStringField("current_unit", model2007 ? "pA" : "");
            json.writeNumberField("steps", result.steps());
            Json.floats(json, "t", TraceDecimation.pick(result.t(), kept));
            Json.floats(json, "v", TraceDecimation.pick(result.v(), kept));
            Json.floats(json, "u", TraceDecimation.pick(result.u(), kept));
            Json.floats(json, "i", TraceDecimation.pick(result.i(), kept));
            // The spike samples among those sent, with u before the reset (the trace holds u after it), so the phase
            // plane climbs to the peak at the u it had and shows the jump by d as the reset.
            final double[] spikeTimes = result.spikeTimes();
            final int[] peaks = new int[spikeTimes.length];
            final float[] peakU = new float[spikeTimes.length];
            int sent = 0;
            for (final double time : spikeTimes)
            {
                final int row = java.util.Arrays.binarySearch(result.t(), time);
                final int at = row < 0 ? -1 : java.util.Arrays.binarySearch(kept, row);
                final double before = at < 0 ? Double.NaN : model.uBeforeReset(result.u()[row]);
                if (!Double.isNaN(before))
                {
                    peaks[sent] = at;
                    peakU[sent++] = (float)before;
                }
            }
            json.writeArrayFieldStart("peaks");
            for (int m = 0; m < sent; m++)
            {
                json.writeNumber(peaks[m]);
            }
            json.writeEndArray();
            Json.floats(json, "peak_u", java.util.Arrays.copyOf(peakU, sent));
            json.writeObjectFieldStart("nullclines");
            json.writeNumberField("current", drive);
            Json.floats(json, "v", toFloats(grid));
            Json.floats(json, "v_nullcline_u", toFloats(vNullcline));
            Json.floats(json, "u_nullcline_u", toFloats(uNullcline));
            // The crossings at the drawn current, named stable or not: the summary called each "the rest states".
            json.writeArrayFieldStart("equilibria");
            for (final Equilibria.Point point : equilibria)
            {
                json.writeStartObject();
                json.writeNumberField("v", (float)point.v());
                json.writeNumberField("u", (float)point.u());
                json.writeBooleanField("stable", point.stable());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (heldNullcline != null)
            {
                json.writeNumberField("held_current", held);
                Json.floats(json, "v_nullcline_held_u", toFloats(heldNullcline));
            }
            json.writeEndObject();
            json.writeArrayFieldStart("args");
            for (final String arg : args)
            {
                json.writeString(arg);
            }
            json.writeEndArray();
            json.writeStringField("command", "./sim neuron " + String.join(" ", args));
            // What the command prints as warnings: the page showed none.
            json.writeArrayFieldStart("warnings");
            for (final String warning : warnings)
            {
                json.writeString(warning);
            }
            json.writeEndArray();
            json.writeNumberField("server_ms", serverMs);
            json.writeEndObject();
        });
    }

    /** Curves for drawing need no more than float precision: half the bytes. */
    private static float[] toFloats(final double[] values)
    {
        final float[] floats = new float[values.length];
        for (int k = 0; k < values.length; k++)
        {
            floats[k] = (float)values[k];
        }
        return floats;
    }

    /** From a little below the lowest v of the trace up to the spike cutoff, where the phase plane lives. */
    private static double[] voltageGrid(final double[] v, final NeuronModel model)
    {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (final double value : v)
        {
            if (Double.isFinite(value))
            {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        if (!Double.isFinite(low))
        {
            low = -90.0;
            high = 30.0;
        }
        low = Math.min(low, model.defaultV0()) - 10.0;
        high = Math.max(high, model instanceof Izhikevich2007Model ? ((Izhikevich2007Model)model).vpeak() : 30.0);
        final double[] grid = new double[NULLCLINE_POINTS];
        for (int k = 0; k < grid.length; k++)
        {
            grid[k] = low + (high - low) * k / (grid.length - 1);
        }
        return grid;
    }
}
