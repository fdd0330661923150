package org.izhsim.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;


import org.izhsim.network.synapse.PlasticWeights;
import org.izhsim.output.plot.Ticks;

/**
 * The plastic weights of a run: the synapses (source, target, delay), their weights at each snapshot and at
 * the end; writes weights.npy, synapse_sources.npy, synapse_targets.npy, synapse_delays_ms.npy (and
 * synapse_projections.npy when given the plan),
 * weight_snapshots.npy (snapshots x synapses, float32) with weight_snapshot_times_ms.npy, and weights.png (the
 * weight histogram over time as a heat map, and the final histogram). Owns copies of the arrays, or, when
 * {@link #spillingTo spilling}, keeps the snapshots' weights in a file and only their histograms and the tracked
 * synapse's weight on the heap.
 */
public final class WeightHistory
{
    /** Bins of the histograms between w_min and w_max. */
    static final int BINS = 50;

    private final double wMin;
    private final double wMax;
    private PlasticWeights last;
    /** The snapshots' weights, when they are not spilled to {@link #spill}. */
    private final List<float[]> snapshots = new ArrayList<>();
    private final List<Double> times = new ArrayList<>();
    /** Each snapshot's histogram ({@link #histogram}), for the heat map. */
    private final List<long[]> histograms = new ArrayList<>();
    /** Each snapshot's weight of the tracked synapse (NaN where it has none). */
    private float[] trackedWeights = new float[16];
    /** The file the snapshots' weights are appended to, float32 little-endian, or null to keep them. */
    /** The name {@code sim run} and the explorer give the file of {@link #spillingTo}, in a folder of their own. */
    public static final String SPILL_FILE = "weight-snapshots.f32";
    private Path spill;
    /** Synapses per snapshot in the spill file. */
    private int spilledSynapses = -1;
    /** The weights on their way to the spill file, a chunk at a time. */
    private ByteBuffer chunk;
    private static final int SPILL_CHUNK_BYTES = 1 << 16;
    private long stateBytes;
    private int trackedPre = -1;
    private int trackedPost = -1;

    /** The plan whose projections the outputs name per synapse, or null (see {@link #namingProjectionsOf}). */
    private org.izhsim.network.build.NetworkPlan plan;
    /** Each final synapse's projection (K from 1), found once for {@link #last}; null until asked. */
    private int[] projections;
    private PlasticWeights projectionsOf;

    /**
     * Names each plastic synapse's projection in synapse_projections.npy (K, from 1, as {@link PlasticProjections}
     * finds it) and, with several plastic projections, gives each its statistics in summary.json's plastic_weights.
     */
    public WeightHistory namingProjectionsOf(final org.izhsim.network.build.NetworkPlan plan,
        final List<String> names)
    {
        this.plan = plan;
        this.projectionNames = List.copyOf(names);
        return this;
    }

    /** The projections' names, by index, as summary.json's by_projection names them (the experiment file's). */
    private List<String> projectionNames = List.of();

    private int[] projections()
    {
        if (projectionsOf != last)
        {
            projections = PlasticProjections.of(plan, last);
            projectionsOf = last;
        }
        return projections;
    }

    public WeightHistory(final double wMin, final double wMax)
    {
        this.wMin = wMin;
        this.wMax = wMax;
    }

    /**
     * Appends each snapshot's weights to {@code file} (created new at the first snapshot) instead of keeping them:
     * the heap then holds about half a kilobyte per snapshot, not 4 bytes per plastic synapse (spnet2006's 80,000
     * every 10 s: 115 MB an hour). A 10 h run of spnet2006 under -Xmx300m, which the memory check put at 3 MB, ran
     * out of memory after 1.9 h for its snapshots, as a 1 h run of dastdp2007 did under -Xmx150m. The caller deletes
     * the file once the outputs are written. Call before the first snapshot.
     */
    public WeightHistory spillingTo(final Path file)
    {
        if (!times.isEmpty())
        {
            throw new IllegalStateException("spill the snapshots from the first one");
        }
        this.spill = file;
        return this;
    }

    /** Adds the weights at {@code timeMs}; the latest call's are the final weights. */
    public void snapshot(final double timeMs, final PlasticWeights weights)
    {
        last = weights;
        if (times.isEmpty() || times.get(times.size() - 1) != timeMs)
        {
            final float[] w = weights.weights();
            if (spill != null)
            {
                append(w);
            }
            else
            {
                snapshots.add(w.clone());
            }
            histograms.add(histogram(w));
            if (trackedWeights.length == times.size())
            {
                trackedWeights = Arrays.copyOf(trackedWeights, 2 * times.size());
            }
            final int tracked = trackedIndex();
            trackedWeights[times.size()] = tracked < 0 ? Float.NaN : w[tracked];
            times.add(timeMs);
        }
    }

    /** One snapshot's weights at the end of the spill file. */
    private void append(final float[] w)
    {
        if (spilledSynapses >= 0 && spilledSynapses != w.length)
        {
            throw new IllegalArgumentException("a snapshot of " + w.length + " synapses after " + spilledSynapses);
        }
        spilledSynapses = w.length;
        if (chunk == null)
        {
            chunk = ByteBuffer.allocateDirect(SPILL_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        try (FileChannel channel = FileChannel.open(spill, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND))
        {
            for (int from = 0; from < w.length; from += SPILL_CHUNK_BYTES / Float.BYTES)
            {
                chunk.clear();
                chunk.asFloatBuffer().put(w, from, Math.min(SPILL_CHUNK_BYTES / Float.BYTES, w.length - from));
                chunk.limit(Float.BYTES * Math.min(SPILL_CHUNK_BYTES / Float.BYTES, w.length - from));
                writeFully(channel, chunk);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + spill + ": " + ex.getMessage(), ex);
        }
    }

    /** Bytes the rule's state adds to the synapse matrix (derivatives, index, traces), for summary.json. */
    public WeightHistory stateBytes(final long bytes)
    {
        this.stateBytes = bytes;
        return this;
    }

    /** Follows the synapse pre -> post (the rewarded one of dastdp2007): a red line in weights.png, a summary key. */
    public WeightHistory track(final int pre, final int post)
    {
        this.trackedPre = pre;
        this.trackedPost = post;
        return this;
    }

    /** Index of the tracked synapse in the snapshots, or -1. */
    private int trackedIndex()
    {
        if (last == null || trackedPre < 0)
        {
            return -1;
        }
        for (int k = 0; k < last.size(); k++)
        {
            if (last.sources()[k] == trackedPre && last.targets()[k] == trackedPost)
            {
                return k;
            }
        }
        return -1;
    }

    /** The snapshots kept (one per time: a second at the same time is not kept). */
    public int snapshots()
    {
        return times.size();
    }

    /** The time of the latest snapshot, ms; NaN before the first. */
    public double lastTimeMs()
    {
        return times.isEmpty() ? Double.NaN : times.get(times.size() - 1);
    }

    /** The tracked synapse's weight in the latest snapshot; NaN when none is tracked (or it is not plastic). */
    public double trackedWeight()
    {
        final int k = trackedIndex();
        return k < 0 ? Double.NaN : last.weights()[k];
    }

    public double wMin()
    {
        return wMin;
    }

    public double wMax()
    {
        return wMax;
    }

    /** The mean of {@code w}, summed in double; NaN when empty. */
    public static double mean(final float[] w)
    {
        double sum = 0;
        for (final float x : w)
        {
            sum += x;
        }
        return w.length > 0 ? sum / w.length : Double.NaN;
    }

    /** The final weights, or null before the first snapshot. */
    public PlasticWeights last()
    {
        return last;
    }

    /** Whether {@link #writeTo} writes anything: a final state has been taken. */
    public boolean writes()
    {
        return last != null;
    }

    public void writeTo(final OutputDirectory dir)
    {
        writeTo(dir, true);
    }

    /** @param figure whether weights.png is drawn too (not when Java finds no fonts: the data files still are). */
    public void writeTo(final OutputDirectory dir, final boolean figure)
    {
        if (last == null)
        {
            return;
        }
        final int n = last.size();
        writeNpy(dir.resolve("weights.npy"), "<f4", "(" + n + ",)", floats(last.weights()));
        writeNpy(dir.resolve("synapse_sources.npy"), "<i4", "(" + n + ",)", ints(last.sources()));
        writeNpy(dir.resolve("synapse_targets.npy"), "<i4", "(" + n + ",)", ints(last.targets()));
        writeNpy(dir.resolve("synapse_delays_ms.npy"), "<i4", "(" + n + ",)", ints(last.delays()));
        if (plan != null)
        {
            writeNpy(dir.resolve("synapse_projections.npy"), "<i4", "(" + n + ",)", ints(projections()));
        }
        writeSnapshots(dir.resolve("weight_snapshots.npy"));
        final ByteBuffer t = ByteBuffer.allocate(8 * times.size()).order(ByteOrder.LITTLE_ENDIAN);
        times.forEach(t::putDouble);
        t.flip();
        writeNpy(dir.resolve("weight_snapshot_times_ms.npy"), "<f8", "(" + times.size() + ",)", t);
        if (figure)
        {
            writePng(dir.resolve("weights.png"));
        }
    }

    /** weights.png, apart from the data files ({@link #writeTo(OutputDirectory, boolean)} with false). */
    public void writeFigure(final OutputDirectory dir)
    {
        if (last != null)
        {
            writePng(dir.resolve("weights.png"));
        }
    }

    /**
     * weight_snapshots.npy, snapshots x synapses: a snapshot at a time from the heap, or the spill file copied
     * behind the header (all of them in one buffer took as much heap again, and overflowed an int beyond 2 GB).
     */
    private void writeSnapshots(final Path file)
    {
        final int n = last.size();
        final String shape = "(" + times.size() + ", " + n + ")";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            writeFully(channel, npyHeader("<f4", shape));
            if (spill != null)
            {
                try (FileChannel in = FileChannel.open(spill, StandardOpenOption.READ))
                {
                    final long size = in.size();
                    for (long at = 0; at < size; )
                    {
                        at += in.transferTo(at, size - at, channel);
                    }
                }
            }
            else
            {
                for (final float[] s : snapshots)
                {
                    writeFully(channel, floats(s));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Counts of {@code weights} in {@link #BINS} bins over [w_min, w_max]; w_max falls in the last bin. A NaN or
     * infinite weight (the state of a run that blew up in its plasticity) is in no bin: {@code (int) floor(NaN)} is 0,
     * and NaN weights were counted in the lowest bin; {@link #putSummary} counts them as non_finite.
     */
    public long[] histogram(final float[] weights)
    {
        final long[] counts = new long[BINS];
        final double width = wMax > wMin ? (wMax - wMin) / BINS : 1;
        for (final float w : weights)
        {
            if (!Float.isFinite(w))
            {
                continue;
            }
            final int bin = (int)Math.floor((w - wMin) / width);
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        return counts;
    }

    /**
     * "plastic_weights": count, mean, sd, min, max, the fractions near each end, and the final histogram; over the
     * finite weights, with non_finite, their number, when a run that blew up in its plasticity left any (its summary
     * says failed, and why).
     */
    public void putSummary(final JsonSummary summary)
    {
        if (last == null)
        {
            return;
        }
        final float[] all = last.weights();
        int finite = 0;
        for (final float x : all)
        {
            finite += Float.isFinite(x) ? 1 : 0;
        }
        final float[] w;
        if (finite == all.length)
        {
            w = all;
        }
        else
        {
            w = new float[finite];
            int k = 0;
            for (final float x : all)
            {
                if (Float.isFinite(x))
                {
                    w[k++] = x;
                }
            }
        }
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long low = 0;
        long high = 0;
        final double tenth = (wMax - wMin) / 10;
        for (final float x : w)
        {
            squares += (double)x * x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            low += x <= wMin + tenth ? 1 : 0;
            high += x >= wMax - tenth ? 1 : 0;
        }
        final double mean = mean(w);
        final JsonSummary plastic = summary.object("plastic_weights")
            .put("count", all.length)
            .put("mean", mean)
            .put("sd", w.length > 0 ? Math.sqrt(Math.max(0, squares / w.length - mean * mean)) : Double.NaN)
            .put("min", w.length > 0 ? min : Double.NaN)
            .put("max", w.length > 0 ? max : Double.NaN)
            .put("w_min", wMin)
            .put("w_max", wMax)
            .put("fraction_in_lowest_tenth", w.length > 0 ? low / (double)w.length : Double.NaN)
            .put("fraction_in_highest_tenth", w.length > 0 ? high / (double)w.length : Double.NaN)
            .put("histogram_bins", BINS)
            .put("histogram", histogram(w))
            .put("snapshots", times.size())
            .put("plasticity_state_bytes", stateBytes)
            // 6 bytes of the matrix (16-bit target, float weight) plus the rule's state, per plastic synapse.
            .put("bytes_per_plastic_synapse", all.length > 0 ? 6.0 + (double)stateBytes / all.length : Double.NaN);
        if (finite < all.length)
        {
            plastic.put("non_finite", all.length - finite);
        }
        putByProjection(plastic, all);
        final int tracked = trackedIndex();
        if (tracked >= 0)
        {
            final double[] series = new double[times.size()];
            for (int k = 0; k < series.length; k++)
            {
                series[k] = trackedWeights[k];
            }
            final double[] at = new double[times.size()];
            for (int k = 0; k < at.length; k++)
            {
                at[k] = times.get(k);
            }
            summary.object("rewarded_synapse")
                .put("pre", trackedPre)
                .put("post", trackedPost)
                .put("final_weight", all[tracked])
                .put("percentile_among_plastic", percentile(all, all[tracked]))
                .put("snapshot_times_ms", at)
                .put("weights", series);
        }
    }

    /**
     * With several plastic projections, "by_projection": per projection (by name) its K, count, mean, sd and the
     * fractions near each end of [w_min, w_max], over its finite weights (the pooled figures hid an exc -> inh
     * projection at w_max beside an exc -> exc one at 0).
     */
    private void putByProjection(final JsonSummary plastic, final float[] all)
    {
        if (plan == null)
        {
            return;
        }
        final List<org.izhsim.network.build.ResolvedProjection> named = PlasticProjections.plastic(plan);
        if (named.size() < 2)
        {
            return;
        }
        final int[] k = projections();
        final JsonSummary by = plastic.object("by_projection");
        final double tenth = (wMax - wMin) / 10;
        for (final org.izhsim.network.build.ResolvedProjection p : named)
        {
            final int label = p.index() + 1;
            long count = 0;
            long finite = 0;
            double sum = 0;
            double squares = 0;
            long low = 0;
            long high = 0;
            for (int i = 0; i < all.length; i++)
            {
                if (k[i] != label)
                {
                    continue;
                }
                count++;
                final float x = all[i];
                if (Float.isFinite(x))
                {
                    finite++;
                    sum += x;
                    squares += (double)x * x;
                    low += x <= wMin + tenth ? 1 : 0;
                    high += x >= wMax - tenth ? 1 : 0;
                }
            }
            final double mean = finite > 0 ? sum / finite : Double.NaN;
            by.namedObject(p.index() < projectionNames.size() ? projectionNames.get(p.index()) : p.name())
                .put("k", label)
                .put("count", count)
                .put("mean", mean)
                .put("sd", finite > 0 ? Math.sqrt(Math.max(0, squares / finite - mean * mean)) : Double.NaN)
                .put("fraction_in_lowest_tenth", finite > 0 ? low / (double)finite : Double.NaN)
                .put("fraction_in_highest_tenth", finite > 0 ? high / (double)finite : Double.NaN);
        }
    }

    /** weights.png's title; "1 synapses" for a pairing protocol's one plastic synapse. Times in ms, shown in s. */
    static String title(final int synapses, final int snapshots, final double fromMs, final double toMs)
    {
        return String.format(Locale.ROOT, "Plastic weights: %,d synapse%s, %d snapshot%s from %s to %s s", synapses,
            synapses == 1 ? "" : "s", snapshots, snapshots == 1 ? "" : "s", DecimalTextShort.of(fromMs / 1000.0),
            DecimalTextShort.of(toMs / 1000.0));
    }

    /** Percent of the weights below {@code x}. */
    private static double percentile(final float[] w, final float x)
    {
        long below = 0;
        for (final float v : w)
        {
            below += v < x ? 1 : 0;
        }
        return 100.0 * below / w.length;
    }

    private void writePng(final Path file)
    {
        final int width = 1400;
        final int height = 700;
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        final BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        // In seconds, as the time axis is (it said "from 0 to 600000 ms" above an axis to 600).
        g.drawString(title(last.size(), times.size(), times.get(0), times.get(times.size() - 1)), 80, 30);
        // Heat map: x = snapshot, y = weight bin, colour = log(1 + count).
        final int hx = 80;
        final int hy = 60;
        final int hw = 820;
        final int hh = 560;
        long peak = 1;
        final List<long[]> hist = histograms;
        for (final long[] h : hist)
        {
            for (final long c : h)
            {
                peak = Math.max(peak, c);
            }
        }
        // Each snapshot's column is centred on its time on the linear time axis (from halfway after the previous
        // snapshot to halfway before the next): snapshots every weights_every_ms plus the final one at the run's end
        // are unevenly spaced, and equal columns put them at the wrong times.
        final int columns = hist.size();
        for (int c = 0; c < columns; c++)
        {
            final int x0 = timeX(c == 0 ? times.get(0) : (times.get(c - 1) + times.get(c)) / 2, hx, hw);
            final int x1 = timeX(c == columns - 1 ? times.get(c) : (times.get(c) + times.get(c + 1)) / 2, hx, hw);
            for (int b = 0; b < BINS; b++)
            {
                final double level = Math.log1p(hist.get(c)[b]) / Math.log1p(peak);
                g.setColor(colour(level));
                final int y1 = hy + hh - b * hh / BINS;
                final int y0 = hy + hh - (b + 1) * hh / BINS;
                g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            }
        }
        final int tracked = trackedIndex();
        if (tracked >= 0)
        {
            // Red on a white edge: at w = 0 (where the rewarded synapse starts) the bare line lay on the heat map's
            // densest row and the frame and could not be seen.
            final Color[] colours = {Color.WHITE, Color.RED};
            final float[] widths = {5f, 2.5f};
            for (int pass = 0; pass < 2; pass++)
            {
                g.setColor(colours[pass]);
                g.setStroke(new BasicStroke(widths[pass]));
                for (int c = 1; c < columns; c++)
                {
                    g.drawLine(timeX(times.get(c - 1), hx, hw), weightY(trackedWeights[c - 1], hy, hh),
                        timeX(times.get(c), hx, hw), weightY(trackedWeights[c], hy, hh));
                }
            }
            g.drawString(String.format(Locale.ROOT, "red: synapse %d -> %d (rewarded), final weight %.3f", trackedPre,
                trackedPost, last.weights()[tracked]), hx + 300, hy + hh + 62);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(hx, hy, hw, hh);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // 1-2-5 ticks, as the other figures have: fifths of an 11 s run were labelled 2.20, 4.40, ...
        if (wMax > wMin)
        {
            final double step = Ticks.step(wMin, wMax, 6);
            for (final double w : Ticks.values(wMin, wMax, 6))
            {
                final int y = weightY((float)w, hy, hh);
                g.drawLine(hx - 5, y, hx, y);
                g.drawString(Ticks.label(w, step), hx - 45, y + 5);
            }
        }
        final double firstS = times.get(0) / 1000.0;
        final double lastS = times.get(times.size() - 1) / 1000.0;
        if (lastS > firstS)
        {
            final double step = Ticks.step(firstS, lastS, 8);
            for (final double t : Ticks.values(firstS, lastS, 8))
            {
                final int x = timeX(t * 1000.0, hx, hw);
                g.drawLine(x, hy + hh, x, hy + hh + 5);
                final String label = Ticks.label(t, step);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, hy + hh + 22);
            }
        }
        g.drawString("time (s)", hx + hw / 2 - 25, hy + hh + 45);
        // Turned upright, left of the tick labels: across, it sat on the tick of the middle weight (2 of w_max 4).
        final java.awt.geom.AffineTransform across = g.getTransform();
        g.rotate(-Math.PI / 2, 24, hy + hh / 2.0);
        g.drawString("weight", 24 - g.getFontMetrics().stringWidth("weight") / 2, hy + hh / 2);
        g.setTransform(across);
        g.drawString("colour: synapses per bin (log scale)", hx, hy + hh + 62);
        colourBar(g, hx + hw + 12, hy, hh, peak);
        // Final histogram, bars to the right, same weight axis.
        final int fx = 980;
        final int fw = 360;
        final long[] end = histogram(last.weights());
        long top = 1;
        for (final long c : end)
        {
            top = Math.max(top, c);
        }
        g.setColor(new Color(60, 90, 160));
        for (int b = 0; b < BINS; b++)
        {
            final int y1 = hy + hh - b * hh / BINS;
            final int y0 = hy + hh - (b + 1) * hh / BINS;
            final int len = (int)Math.round((double)end[b] / top * fw);
            g.fillRect(fx, y0 + 1, len, Math.max(1, y1 - y0 - 1));
        }
        g.setColor(Color.BLACK);
        g.drawRect(fx, hy, fw, hh);
        g.drawString(String.format(Locale.ROOT, "final histogram (max bin %,d)", top), fx, hy - 8);
        // 1-2-5 ticks on the counts as on the other axes (they were 0, half the largest bin and the largest:
        // 0, 19,659, 39,319).
        for (final double c : countTicks(top))
        {
            final int x = fx + (int)Math.round(c / top * fw);
            g.drawLine(x, hy + hh, x, hy + hh + 5);
            final String label = String.format(Locale.ROOT, "%,d", Math.round(c));
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, hy + hh + 20);
        }
        g.drawString("synapses per bin", fx + fw / 2 - 50, hy + hh + 40);
        g.dispose();
        org.izhsim.output.plot.PngCanvas.writePng(image, file);
    }

    /** The x of time {@code t} ms on the heat map's time axis, which runs from the first snapshot to the last. */
    private int timeX(final double t, final int left, final int width)
    {
        final double first = times.get(0);
        final double span = times.get(times.size() - 1) - first;
        return left + (int)Math.round(span > 0 ? (t - first) / span * width : (t == first ? 0 : width));
    }

    /** Ticks of a count axis from 0 to {@code top} >= 1: at most 4 steps of 1-2-5, whole numbers. */
    static double[] countTicks(final long top)
    {
        return Ticks.values(0, top, Math.max(1, Ticks.step(0, top, 4)), 0);
    }

    /** The heat map's colour scale: a vertical bar of the levels, labelled with {@link #colourBarLabels}. */
    private static void colourBar(final Graphics2D g, final int x, final int top, final int height, final long peak)
    {
        for (int y = 0; y < height; y++)
        {
            g.setColor(colour(1.0 - (double)y / (height - 1)));
            g.fillRect(x, top + y, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, top, 14, height);
        for (final long c : colourBarLabels(peak, height))
        {
            final int y = top + height - barOffset(c, peak, height);
            g.drawLine(x + 14, y, x + 18, y);
            g.drawString(String.format(Locale.ROOT, "%,d", c), x + 20, y + 5);
        }
    }

    /**
     * The counts the colour bar labels: 0, the powers of ten up to the peak, and the peak itself (the brightest
     * cells' count), in place of the last power when their labels would touch (within 14 px): a peak of 7 was
     * labelled 0 and 1 alone, and one of 1,100 had 1,000 at the top of the bar.
     */
    static long[] colourBarLabels(final long peak, final int height)
    {
        final long[] labels = new long[21];
        int n = 0;
        for (long c = 0; c <= peak; c = c == 0 ? 1 : c * 10)
        {
            labels[n++] = c;
            if (c > Long.MAX_VALUE / 10)
            {
                break;
            }
        }
        if (labels[n - 1] != peak)
        {
            final boolean touches = barOffset(peak, peak, height) - barOffset(labels[n - 1], peak, height) < 14;
            labels[touches && n > 1 ? n - 1 : n++] = peak;
        }
        return Arrays.copyOf(labels, n);
    }

    /** A count's height above the colour bar's foot, on the bar's log1p scale from 0 to the peak. */
    private static int barOffset(final long count, final long peak, final int height)
    {
        return (int)Math.round(Math.log1p(count) / Math.log1p(peak) * height);
    }

    private int weightY(final float w, final int top, final int height)
    {
        final double f = wMax > wMin ? (w - wMin) / (wMax - wMin) : 0;
        return top + height - (int)Math.round(Math.max(0, Math.min(1, f)) * height);
    }

    /** A dark-blue to yellow ramp (viridis-like), 0 = white for empty bins. */
    private static Color colour(final double level)
    {
        if (level <= 0)
        {
            return Color.WHITE;
        }
        final double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        final double x = Math.min(1, level) * (stops.length - 1);
        final int i = Math.min(stops.length - 2, (int)x);
        final double f = x - i;
        return new Color((int)(stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
            (int)(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])), (int)(stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    /** Short decimal labels: 0, 2.5, 600. */
    private static final class DecimalTextShort
    {
        static String of(final double x)
        {
            return x == Math.rint(x) ? Long.toString((long)x) : String.format(Locale.ROOT, "%.3g", x);
        }
    }

    /** The magic, version, header length and header dict of a NumPy 1.0 file, padded to 64 bytes. */
    private static ByteBuffer npyHeader(final String descr, final String shape)
    {
        final String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        final int unpadded = 10 + dict.length() + 1;
        final int total = (unpadded + 63) / 64 * 64;
        final ByteBuffer head = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        head.put(new byte[] {(byte)0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short)(total - 10))
            .put(dict.getBytes(StandardCharsets.US_ASCII));
        while (head.position() < total - 1)
        {
            head.put((byte)' ');
        }
        return head.put((byte)'\n').flip();
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer data) throws IOException
    {
        while (data.hasRemaining())
        {
            channel.write(data);
        }
    }

    private static ByteBuffer floats(final float[] v)
    {
        final ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b;
    }

    private static ByteBuffer ints(final int[] v)
    {
        final ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return b;
    }

    /** A NumPy 1.0 file of any shape: header padded to 64 bytes, then the little-endian data. */
    private static void writeNpy(final Path file, final String descr, final String shape, final ByteBuffer data)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE))
        {
            writeFully(channel, npyHeader(descr, shape));
            writeFully(channel, data);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }
}
