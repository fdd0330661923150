package org.izhsim.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

import org.izhsim.core.CsvLines;
import org.izhsim.core.InputException;
import org.izhsim.core.NumberSyntax;
import org.izhsim.network.build.PopulationSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A spike-times source population's {@code spike_times_ms: {file: times.csv}}: its spike times read from a CSV file
 * with the header {@code t_ms,neuron} (in any order) and one spike per line, the neuron counted from 0 within the
 * population, the time a whole number of ms; {@code #} comments and blank lines skipped. Each spike is checked as it
 * is read (its neuron within the population, its time within the run's steps and below the repeat period) and a
 * neuron's time twice is refused at its second line: the first problem is one line naming the file, line and column.
 * For more times than an experiment file can hold inline (1 MiB: about 140,000).
 */
final class SpikeTimesReader
{
    static final List<String> KEYS = List.of("file", "population");
    static final List<String> COLUMNS = List.of("t_ms", "neuron");
    /**
     * Bytes a time takes while read: its time, neuron and line (16) and the per-neuron arrays it goes into (8);
     * a file beyond half the heap at this rate is refused before it is read.
     */
    static final long BYTES_PER_TIME_READ = 24;

    private SpikeTimesReader()
    {
    }

    /** Each neuron's ascending times, and the file as provenance names it. */
    record Read(long[][] times, SpikeTimesFile file)
    {
    }

    static Read read(final ConfigMapping population, final Node value, final java.nio.file.Path baseDirectory,
        final String context, final int size, final long repeatEveryMs, final String populationName)
    {
        final YamlDocument document = population.document();
        final ConfigMapping m = new ConfigMapping(document, (MappingNode)value, "'spike_times_ms' of " + context, KEYS);
        final String written = m.string("file");
        final Node fileNode = m.value("file");
        final NamedFile named = NamedFile.resolve(document, fileNode, written, baseDirectory, "spike_times_ms", context);
        named.requireReadable(document, fileNode, "spike_times_ms");
        final String lower = written.toLowerCase(Locale.ROOT);
        final boolean sonata = lower.endsWith(".h5") || lower.endsWith(".hdf5");
        if (!sonata && !lower.endsWith(".csv"))
        {
            throw document.error(fileNode, "'spike_times_ms' " + named.shown() + " must be a .csv file (t_ms,neuron: " +
                "a neuron of the population counted from 0, and a time in whole ms, per line) or a SONATA spikes .h5 " +
                "file");
        }
        if (m.has("population") && !sonata)
        {
            throw document.error(m.keyNode("population"), "'population' of 'spike_times_ms' of " + context + " names " +
                "a group of a SONATA spikes .h5 file; a .csv file's spikes are all this population's");
        }
        if (sonata)
        {
            return SonataSpikeTimes.read(named, document, fileNode, m.has("population") ? m.value("population") :
                null, context, size, repeatEveryMs, m.has("population") ? m.string("population") : populationName);
        }
        final String name = named.name();
        try (InputStream stream = Files.newInputStream(named.file()))
        {
            final long lines = ConnectionsReader.lines(named.file());
            requireRoom(document, fileNode, context, lines - 1, "lines after the header");
            final int capacity = (int)Math.max(0, lines - 1);
            final long[] time = new long[capacity];
            final int[] neuron = new int[capacity];
            final int[] lineOf = new int[capacity];
            final int[] perNeuron = new int[size];
            final CsvLines csv = new CsvLines(name, stream, Long.MAX_VALUE, "", "a line of a spike times CSV file " +
                "(two numbers)");
            final int[] starts = new int[4];
            final int[] ends = new int[4];
            int[] column = null;
            int count = 0;
            for (String text = csv.next(); text != null; text = csv.next())
            {
                if (text.isBlank() || text.stripLeading().startsWith("#"))
                {
                    continue;
                }
                final int number = csv.number();
                final int fields = ConnectionsReader.split(text, starts, ends);
                if (column == null)
                {
                    column = ConnectionsReader.header(COLUMNS, "a spike times file", name, number, text, fields, starts,
                        ends);
                    continue;
                }
                if (fields != 2)
                {
                    throw InputException.at(name, number, 1, "expected 2 comma-separated fields (" +
                        (column[0] == 0 ? "t_ms,neuron" : "neuron,t_ms") + "), got " + fields);
                }
                if (count == capacity)
                {
                    throw new InputException(document.origin(fileNode) + ": the spike times file changed while it " +
                        "was read");
                }
                final long t = whole(text, starts[column[0]], ends[column[0]], "t_ms", name, number);
                final long i = whole(text, starts[column[1]], ends[column[1]], "neuron", name, number);
                if (i < 0 || i >= size)
                {
                    throw InputException.at(name, number, CsvLines.columnOf(text, starts[column[1]]), "neuron " + i +
                        " is not in " + context + " (" + size + " neurons, counted from 0)");
                }
                final String problem = PopulationSpec.spikeTimeProblem(new long[] {t}, 0, repeatEveryMs);
                if (problem != null)
                {
                    throw InputException.at(name, number, CsvLines.columnOf(text, starts[column[0]]), problem);
                }
                time[count] = t;
                neuron[count] = (int)i;
                lineOf[count] = number;
                perNeuron[(int)i]++;
                count++;
            }
            if (column == null)
            {
                throw InputException.at(name, csv.number() + 1, 1, "no header 't_ms,neuron' (the file is empty or " +
                    "holds comments only)");
            }
            return new Read(byNeuron(time, neuron, lineOf, perNeuron, count, k -> name + ":" + k + ":1", "line", "neuron"),
                new SpikeTimesFile(named.path(), null, count, checksum(time, neuron, count)));
        }
        catch (final IOException ex)
        {
            throw new InputException(name + ": cannot read the spike times file: " + ex.getMessage());
        }
    }

    /** A whole number in a field, or the field's located refusal. */
    private static long whole(final String text, final int start, final int end, final String what, final String name,
        final int line)
    {
        final String field = text.substring(start, end);
        if (field.isEmpty())
        {
            // plainInteger reads "" as 0: a line ",1" fired neuron 1 at 0 ms (a tester).
            throw InputException.at(name, line, CsvLines.columnOf(text, start), "the " + what + " is empty");
        }
        final int plain = ConnectionsReader.plainInteger(field);
        if (plain >= 0)
        {
            return plain;
        }
        final double value = NumberSyntax.isDecimal(field) ? Double.parseDouble(field) : Double.NaN;
        final String shown = YamlDocument.quoted(StimulusLoader.escaped(field.length() > 40 ? field.substring(0, 40) +
            "..." : field));
        if (!(value == Math.rint(value)))
        {
            throw InputException.at(name, line, CsvLines.columnOf(text, start), "the " + what + " " + shown +
                (what.equals("t_ms") ? " is not a whole number of ms" : " is not a whole number"));
        }
        if (Math.abs(value) > Integer.MAX_VALUE)
        {
            // 1e300 was "not a whole number".
            throw InputException.at(name, line, CsvLines.columnOf(text, start), "the " + what + " " + shown + " is " +
                (what.equals("t_ms") ? "outside 0..2147483647 ms (the run's steps)" : "not a neuron of the population"));
        }
        return (long)value;
    }

    /**
     * Refuses, before it is read, a file of more spike times than half the heap reads ({@link #BYTES_PER_TIME_READ}
     * each), or than an int counts.
     *
     * @param what what the count is of, "lines after the header".
     */
    static void requireRoom(final YamlDocument document, final Node fileNode, final String context, final long times,
        final String what)
    {
        final long most = Math.min(Integer.MAX_VALUE - 16, Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_TIME_READ);
        if (times > most)
        {
            throw document.error(fileNode, String.format(Locale.ROOT, "'spike_times_ms' of %s holds up to %,d spike " +
                "times (%s): reading them takes %d bytes each, %s, more than half this JVM's heap of %s: %s", context,
                times, what, BYTES_PER_TIME_READ, org.izhsim.network.build.MemoryEstimate.bytes(times * BYTES_PER_TIME_READ),
                org.izhsim.network.build.MemoryEstimate.bytes(Runtime.getRuntime().maxMemory()),
                org.izhsim.output.HeapAdvice.moreHeap(2 * times * BYTES_PER_TIME_READ)));
        }
    }

    /**
     * Each neuron's ascending times; a neuron's time twice refused at the place (line, element) that repeats it.
     *
     * @param placeOf each spike's place: its line, or its element from 0.
     * @param where   the place as a refusal names it ({@code file:line:1}, {@code file: dataset, element k}).
     * @param kind    what the places are, "line" or "element".
     * @param noun    what the file calls a neuron, "neuron" or "node" (SONATA).
     */
    static long[][] byNeuron(final long[] time, final int[] neuron, final int[] placeOf, final int[] perNeuron,
        final int count, final java.util.function.IntFunction<String> where, final String kind, final String noun)
    {
        // Each time with its line in one long (both below 2^31: the times are checked, the lines are ints), sorted:
        // by time, then line, so the later line of two equal times is the one refused.
        final long[][] keys = new long[perNeuron.length][];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = new long[perNeuron[i]];
        }
        final int[] fill = new int[perNeuron.length];
        for (int k = 0; k < count; k++)
        {
            final int i = neuron[k];
            keys[i][fill[i]++] = time[k] << 32 | placeOf[k];
        }
        for (int i = 0; i < keys.length; i++)
        {
            final long[] t = keys[i];
            java.util.Arrays.sort(t);
            for (int k = 0; k < t.length; k++)
            {
                if (k > 0 && t[k] >>> 32 == t[k - 1] >>> 32)
                {
                    throw new InputException(where.apply((int)t[k]) + ": " + noun + " " + i + " fires at " +
                        (t[k] >>> 32) + " ms twice (also " + kind + " " + (int)t[k - 1] + "): a source fires at most " +
                        "once per 1 ms step");
                }
            }
            for (int k = 0; k < t.length; k++)
            {
                t[k] >>>= 32;
            }
        }
        return keys;
    }

    /** CRC-32C of the spikes in file order, each its neuron (int) and time (long): provenance's fingerprint. */
    static long checksum(final long[] time, final int[] neuron, final int count)
    {
        final CRC32C crc = new CRC32C();
        final ByteBuffer entry = ByteBuffer.allocate(12);
        for (int k = 0; k < count; k++)
        {
            entry.clear();
            entry.putInt(neuron[k]).putLong(time[k]);
            crc.update(entry.array(), 0, 12);
        }
        return crc.getValue();
    }
}
