package org.izhsim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.izhsim.output.HostInfo;

/**
 * Writes a benchmark run as bench.json (every sample, for scripts) and bench.md (medians and ranges, for
 * people), and renders the Markdown table that is also printed.
 */
public final class BenchReport
{
    private final BenchSettings settings;
    private final List<NetworkResult> networks;
    private final double wallSeconds;
    private final String started;
    private final String loadAtStart;
    private final String loadAtEnd = HostInfo.loadAverage();

    public BenchReport(final BenchSettings settings, final List<NetworkResult> networks, final double wallSeconds,
        final String started, final String loadAtStart)
    {
        this.loadAtStart = loadAtStart;
        this.settings = settings;
        this.networks = List.copyOf(networks);
        this.wallSeconds = wallSeconds;
        this.started = started;
    }

    public List<NetworkResult> networks()
    {
        return networks;
    }

    public void write(final Path dir)
    {
        String name = "bench.json";
        try
        {
            // Into the folder as it is: creating it again had recreated a staging folder that the JVM's exit (Ctrl-C)
            // had just deleted, and the report was written into that hidden folder, which no later run swept.
            writeJson(dir.resolve(name));
            name = "bench.md";
            Files.writeString(dir.resolve(name), markdown(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            // Named as sim run names its files: "cannot write bench.json: No space left on device".
            throw new UncheckedIOException("cannot write " + name + ": " + ex.getMessage(), ex);
        }
    }

    public String markdown()
    {
        final StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Machine: %s, %d cores (%s), %s. JVM options: %s.%n",
            HostInfo.cpuModel(), HostInfo.cores(), HostInfo.simd(), HostInfo.jvm(), HostInfo.jvmOptions()));
        // The peers' sentence where peers ran: a --quick report described runs it had not made.
        final boolean peers = networks.stream().anyMatch(n -> !n.peers().isEmpty());
        md.append(String.format(Locale.ROOT, "Run %s: %s, %d repeat(s); each run: JIT warm-up on a copy (its "
            + "warm-up steps again and again for 2 s, or 1000 times if sooner), dropped, then a fresh build, %d unmeasured steps (none for a learning network) and the measured "
            + "ones; %.0f s in all.%s CPU cores used: CPU time over wall time of the measured steps. "
            + "Load average (1, 5, 15 min) at start %s, at end %s.%n%n", started, settings.networksText(),
            settings.repeats(), settings.warmupSteps(), wallSeconds, peers ? " The peers run the same unmeasured " +
            "steps, then measure the same steps (their spikes: of their own random instance of the network, close to " +
            "ours but not equal; the spnet C loop runs ours, from its first step)." : " No peer ran (--peers runs " +
            "them).", loadAtStart, loadAtEnd));
        md.append("| network | simulator | threads | RTF median (min-max) | build s | synaptic events/s | "
            + "neuron-steps/s | step p50 / p99 / max us | spikes | peak heap MB | CPU cores used | peer time / ours |\n");
        md.append("|---|---|---:|---|---:|---:|---:|---|---:|---:|---:|---|\n");
        for (final NetworkResult n : networks)
        {
            for (final CaseResult c : n.ours())
            {
                final Spread rtf = c.spread(Sample::realTimeFactor);
                md.append(String.format(Locale.ROOT, "| %s | izhsim | %d | %s (%s-%s) | %.2f | %.3g | %.3g | %.0f / %.0f / %.0f "
                    + "| %d | %.0f | %.2f | |%n", cell(n.name()), c.threads(), fmt(rtf.median()), fmt(rtf.min()), fmt(rtf.max()),
                    median(c, Sample::buildSeconds), median(c, Sample::eventsPerSecond),
                    median(c, Sample::neuronStepsPerSecond), median(c, Sample::stepP50Micros),
                    median(c, Sample::stepP99Micros), median(c, Sample::stepMaxMicros),
                    (long)median(c, s -> s.spikes()), median(c, s -> s.peakHeapBytes()) / 1e6, median(c, Sample::cpuCores)));
            }
            for (final CaseResult c : n.loaded())
            {
                final Spread rtf = c.spread(Sample::realTimeFactor);
                md.append(String.format(Locale.ROOT, "| %s | izhsim, %d busy process%s | %d | %s (%s-%s) | %.2f | %.3g | %.3g | "
                    + "%.0f / %.0f / %.0f | %d | %.0f | %.2f | |%n", cell(n.name()), n.backgroundLoad(),
                    n.backgroundLoad() == 1 ? "" : "es", c.threads(), fmt(rtf.median()), fmt(rtf.min()), fmt(rtf.max()),
                    median(c, Sample::buildSeconds), median(c, Sample::eventsPerSecond),
                    median(c, Sample::neuronStepsPerSecond), median(c, Sample::stepP50Micros),
                    median(c, Sample::stepP99Micros), median(c, Sample::stepMaxMicros),
                    (long)median(c, s -> s.spikes()), median(c, s -> s.peakHeapBytes()) / 1e6, median(c, Sample::cpuCores)));
            }
            for (final PeerResult p : n.peers())
            {
                if (!p.ok())
                {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | | | | | | | | |%n", cell(n.name()), p.peer(),
                        p.threads(), cell(p.status())));
                    continue;
                }
                final Spread rtf = p.realTimeFactor();
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s (%s-%s) | %.2f | | | | %d | | %.2f | %s |%n",
                    cell(n.name()), p.peer(), p.threads(), fmt(rtf.median()), fmt(rtf.min()), fmt(rtf.max()),
                    p.build().median(), p.spikes(), p.cpuCores().median(), ratioText(n, p)));
            }
        }
        md.append('\n').append(TargetCheck.markdown(networks));
        return md.toString();
    }

    /**
     * Text for a cell of a Markdown table: a `|` escaped (a config named "a|b" gave its row a column more) and a line
     * break as a space.
     */
    static String cell(final String text)
    {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }

    private static String ratioText(final NetworkResult n, final PeerResult p)
    {
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.2fx ours at %d thread%s",
            n.ratio(p), p.threads(), p.threads() == 1 ? "" : "s"));
        n.fastest().filter(best -> best.threads() != p.threads()).ifPresent(best -> text.append(String.format(
            Locale.ROOT, "; %.2fx ours at %d", NetworkResult.ratio(p, best), best.threads())));
        // A side starved of CPU: the ratio says nothing of the two programs.
        n.starved(p).ifPresent(why -> text.append(" (not comparable: ").append(why).append(')'));
        return text.toString();
    }

    private static double median(final CaseResult c, final ToDoubleFunction<Sample> field)
    {
        return c.spread(field).median();
    }

    static String fmt(final double value)
    {
        if (Double.isNaN(value))
        {
            return "-";
        }
        return value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    private void writeJson(final Path file) throws IOException
    {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            JsonGenerator json = new JsonFactory().createGenerator(writer).useDefaultPrettyPrinter())
        {
            json.writeStartObject();
            json.writeStringField("started", started);
            json.writeNumberField("wall_s", wallSeconds);
            json.writeObjectFieldStart("machine");
            json.writeStringField("cpu", HostInfo.cpuModel());
            json.writeNumberField("cores", HostInfo.cores());
            json.writeStringField("simd", HostInfo.simd());
            json.writeStringField("jvm", HostInfo.jvm());
            json.writeStringField("jvm_options", HostInfo.jvmOptions());
            json.writeNumberField("peak_rss_bytes", HostInfo.peakResidentBytes());
            json.writeStringField("load_average_at_start", loadAtStart);
            json.writeStringField("load_average_at_end", loadAtEnd);
            json.writeEndObject();
            json.writeObjectFieldStart("settings");
            json.writeBooleanField("quick", settings.quick());
            json.writeArrayFieldStart("configs");
            for (final String config : settings.configs())
            {
                json.writeString(config);
            }
            json.writeEndArray();
            json.writeNumberField("repeats", settings.repeats());
            json.writeNumberField("warmup_steps", settings.warmupSteps());
            json.writeBooleanField("peers", settings.peers());
            json.writeNumberField("background_load", settings.backgroundLoad());
            json.writeArrayFieldStart("threads");
            for (final int t : settings.threads())
            {
                json.writeNumber(t);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeArrayFieldStart("networks");
            for (final NetworkResult n : networks)
            {
                writeNetwork(json, n);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeNetwork(final JsonGenerator json, final NetworkResult n) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("name", n.name());
        json.writeArrayFieldStart("izhsim");
        for (final CaseResult c : n.ours())
        {
            writeCase(json, c);
        }
        json.writeEndArray();
        json.writeNumberField("background_load_processes", n.backgroundLoad());
        json.writeArrayFieldStart("izhsim_with_background_load");
        for (final CaseResult c : n.loaded())
        {
            writeCase(json, c);
        }
        json.writeEndArray();
        final Optional<TargetCheck.SameSpikes> same = TargetCheck.sameSpikes(n);
        if (same.isPresent())
        {
            // The target line's check: every run above (each thread count, repeat and load) fired the same spikes.
            json.writeObjectFieldStart("same_spikes_in_every_run");
            json.writeBooleanField("met", same.get().met());
            json.writeArrayFieldStart("distinct_spike_counts");
            for (final long count : same.get().counts())
            {
                json.writeNumber(count);
            }
            json.writeEndArray();
            json.writeStringField("target", same.get().text());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("peers");
        writePeers(json, n);
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeCase(final JsonGenerator json, final CaseResult c) throws IOException
    {
            json.writeStartObject();
            json.writeNumberField("threads", c.threads());
            json.writeNumberField("neurons", c.neurons());
            json.writeNumberField("synapses", c.synapses());
            json.writeNumberField("synapse_bytes", c.synapseBytes());
            json.writeNumberField("bytes_per_synapse", c.bytesPerSynapse());
            if (c.plasticSynapses() > 0)
            {
                json.writeNumberField("plastic_synapses", c.plasticSynapses());
                json.writeNumberField("bytes_per_plastic_synapse", c.bytesPerPlasticSynapse());
            }
            json.writeNumberField("steps", c.steps());
            spread(json, "real_time_factor", c.spread(Sample::realTimeFactor));
            spread(json, "build_s", c.spread(Sample::buildSeconds));
            spread(json, "run_s", c.spread(Sample::runSeconds));
            spread(json, "synaptic_events_per_s", c.spread(Sample::eventsPerSecond));
            spread(json, "neuron_steps_per_s", c.spread(Sample::neuronStepsPerSecond));
            spread(json, "step_latency_p50_us", c.spread(Sample::stepP50Micros));
            spread(json, "step_latency_p99_us", c.spread(Sample::stepP99Micros));
            spread(json, "step_latency_max_us", c.spread(Sample::stepMaxMicros));
            spread(json, "spikes", c.spread(s -> s.spikes()));
            spread(json, "peak_heap_bytes", c.spread(s -> s.peakHeapBytes()));
            spread(json, "cpu_cores_used", c.spread(Sample::cpuCores));
            json.writeArrayFieldStart("samples");
            for (final Sample s : c.samples())
            {
                json.writeStartObject();
                json.writeNumberField("build_s", s.buildSeconds());
                json.writeNumberField("run_s", s.runSeconds());
                json.writeNumberField("real_time_factor", s.realTimeFactor());
                json.writeNumberField("synaptic_events_per_s", s.eventsPerSecond());
                json.writeNumberField("neuron_steps_per_s", s.neuronStepsPerSecond());
                json.writeNumberField("step_latency_p50_us", s.stepP50Micros());
                json.writeNumberField("step_latency_p99_us", s.stepP99Micros());
                json.writeNumberField("step_latency_max_us", s.stepMaxMicros());
                json.writeNumberField("spikes", s.spikes());
                json.writeNumberField("peak_heap_bytes", s.peakHeapBytes());
                json.writeNumberField("cpu_cores_used", s.cpuCores());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
    }

    private static void writePeers(final JsonGenerator json, final NetworkResult n) throws IOException
    {
        for (final PeerResult p : n.peers())
        {
            json.writeStartObject();
            json.writeStringField("peer", p.peer());
            json.writeNumberField("threads", p.threads());
            json.writeStringField("status", p.status());
            if (p.ok())
            {
                json.writeNumberField("first_step", p.firstStep());
                json.writeNumberField("steps", p.steps());
                spread(json, "real_time_factor", p.realTimeFactor());
                spread(json, "build_s", p.build());
                spread(json, "cpu_cores_used", p.cpuCores());
                json.writeNumberField("spikes", p.spikes());
                json.writeNumberField("time_ratio_to_izhsim_same_threads", n.ratio(p));
                final Optional<String> starved = n.starved(p);
                if (starved.isPresent())
                {
                    json.writeStringField("not_comparable", starved.get());
                }
            }
            json.writeEndObject();
        }
    }

    private static void spread(final JsonGenerator json, final String name, final Spread s) throws IOException
    {
        json.writeObjectFieldStart(name);
        json.writeNumberField("median", s.median());
        json.writeNumberField("min", s.min());
        json.writeNumberField("max", s.max());
        json.writeEndObject();
    }
}
