package org.izhsim.config;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.izhsim.core.CsvLines;
import org.izhsim.core.InputException;
import org.izhsim.core.InputFile;
import org.izhsim.core.NumberSyntax;
import org.izhsim.network.build.Checks;
import org.izhsim.network.build.ConnectionTable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A projection's {@code connections:}: its synapses read from a file instead of drawn by a rule. Either a CSV file
 * with the header {@code source,target,delay_ms,weight} (the columns in any order) and one synapse per line, or a
 * folder holding the four arrays a run writes for its plastic synapses, {@code synapse_sources.npy},
 * {@code synapse_targets.npy}, {@code synapse_delays_ms.npy} and {@code weights.npy} (so the weights a run learnt
 * can be run again, fixed or learning on). Neuron ids are the network's global ids (as spikes.csv and the
 * synapse arrays give them) unless {@code ids: local} numbers the sources from 0 within {@code from} and the
 * targets within {@code to}. Each synapse is checked as it is read: its source among the projection's sources,
 * its target among its targets, its delay a whole number of ms in 1 .. {@link Checks#MAX_DELAY}, its weight a
 * finite float; the first that is not is one line naming the file and the line and column (a CSV file) or the
 * array and element (a folder).
 */
final class ConnectionsReader
{
    static final List<String> KEYS = List.of("file", "ids", "projection");
    /** Each synapse's projection in a run's folder (K from 1), where the run had several plastic projections. */
    static final String PROJECTIONS = "synapse_projections.npy";
    static final List<String> COLUMNS = List.of("source", "target", "delay_ms", "weight");
    static final List<String> ARRAYS = List.of("synapse_sources.npy", "synapse_targets.npy", "synapse_delays_ms.npy",
        "weights.npy");
    /** {@link ConnectionTable#READ_BYTES_PER_SYNAPSE}; the arrays are sized once (a CSV file's lines counted first). */
    static final long BYTES_PER_SYNAPSE_READ = ConnectionTable.READ_BYTES_PER_SYNAPSE;

    private final ConfigMapping projection;
    private final Node value;
    private final String context;
    private final int sourceFirst;
    private final int sourceSize;
    private final int targetFirst;
    private final int targetEnd;
    private final String sourceName;
    private final String targetName;
    private final boolean local;
    private final long maxSynapses;
    private int[] sources;
    private int[] targets;
    private int[] delays;
    private float[] weights;
    /**
     * Where the first lowest and the first highest weight are, for the plan's checks of them (a plastic projection's
     * bounds, its sign): a weight above w_max in a file was reported at the config's {@code connections:} key.
     */
    private Place lowestPlace;
    private Place highestPlace;
    private float lowest;
    private float highest;
    private int count;

    private ConnectionsReader(final ConfigMapping projection, final Node value, final boolean local,
        final PopulationConfig from, final List<PopulationConfig> to)
    {
        this.projection = projection;
        this.value = value;
        this.context = projection.context();
        this.local = local;
        this.sourceFirst = from.firstNeuron();
        this.sourceSize = from.size();
        int first = Integer.MAX_VALUE;
        int end = 0;
        for (final PopulationConfig p : to)
        {
            first = Math.min(first, p.firstNeuron());
            end = Math.max(end, p.firstNeuron() + p.size());
        }
        this.targetFirst = first;
        this.targetEnd = end;
        this.sourceName = "'" + from.name() + "'";
        this.targetName = to.size() == 1 ? "'" + to.get(0).name() + "'" : "the targets";
        this.maxSynapses = Math.min(Integer.MAX_VALUE - 16, Runtime.getRuntime().maxMemory() / 2 /
            BYTES_PER_SYNAPSE_READ);
    }

    /**
     * @param baseDirectory the experiment file's folder, against which a relative path is taken; null when the
     *                      experiment is text without a folder (the explorer's uploads), which may not read files.
     */
    static ConnectionTable read(final ConfigMapping projection, final Path baseDirectory, final PopulationConfig from,
        final List<PopulationConfig> to)
    {
        final Node value = projection.value("connections");
        final YamlDocument document = projection.document();
        final String written;
        final boolean local;
        final Node fileNode;
        int only = 0;
        Node onlyNode = null;
        if (value instanceof MappingNode)
        {
            final ConfigMapping m = new ConfigMapping(document, (MappingNode)value, "'connections' of " +
                projection.context(), KEYS);
            written = m.string("file");
            fileNode = m.value("file");
            local = m.has("ids") && m.oneOf("ids", List.of("global", "local"), "'ids'").equals("local");
            if (m.has("projection"))
            {
                only = m.positiveInteger("projection");
                onlyNode = m.value("projection");
            }
        }
        else
        {
            written = projection.string("connections");
            fileNode = value;
            local = false;
        }
        final NamedFile named = NamedFile.resolve(document, fileNode, written, baseDirectory, "connections",
            projection.context());
        final Path file = named.file();
        final String shown = named.shown();
        final String path = named.path();
        final String name = named.name();
        final ConnectionsReader reader = new ConnectionsReader(projection, fileNode, local, from, to);
        if (Files.isDirectory(file))
        {
            reader.readFolder(file, name, only, onlyNode);
        }
        else
        {
            // A path to nothing is said as such first ("'run1' is a file" where run1 did not exist).
            named.requireReadable(document, fileNode, "connections");
            if (onlyNode != null)
            {
                throw document.error(onlyNode, "'projection' picks one projection's synapses from a run's folder " +
                    "(its " + PROJECTIONS + "); " + shown + " is a file");
            }
            if (!written.toLowerCase(Locale.ROOT).endsWith(".csv"))
            {
                throw document.error(fileNode, "'connections' " + shown + " must be a .csv file (source,target," +
                    "delay_ms,weight) or a folder of " + String.join(", ", ARRAYS));
            }
            reader.readCsv(file, name);
        }
        // Labelled by its path as found from the working folder: the run's output folder may not contain it.
        final ConnectionTable table = ConnectionTable.of(path, reader.sourceFirst, reader.sourceSize, reader.sources,
            reader.targets, reader.delays, reader.weights, reader.count).withWeightPlaces(
            reader.lowestPlace == null ? null : reader.lowestPlace.get(),
            reader.highestPlace == null ? null : reader.highestPlace.get());
        return only > 0 ? table.asProjection(only) : table;
    }

    // ---------------------------------------------------------------- CSV

    private void readCsv(final Path file, final String name)
    {
        try (InputStream stream = Files.newInputStream(file))
        {
            // Sized once, for every line after the header.
            allocate(Math.max(0, lines(file) - 1), "lines after the header");
            final CsvLines lines = new CsvLines(name, stream, Long.MAX_VALUE, "",
                "a line of a connections CSV file (four numbers)");
            int[] column = null; // the header's order: column[field] is the index of source, target, delay_ms, weight
            final int[] starts = new int[8];
            final int[] ends = new int[8];
            for (String text = lines.next(); text != null; text = lines.next())
            {
                if (text.isBlank() || text.stripLeading().startsWith("#"))
                {
                    continue;
                }
                final int number = lines.number();
                final int fields = split(text, starts, ends);
                if (column == null)
                {
                    column = header(COLUMNS, "a connections file", name, number, text, fields, starts, ends);
                    continue;
                }
                if (fields != 4)
                {
                    throw InputException.at(name, number, 1, "expected 4 comma-separated fields (" +
                        String.join(",", header(column)) + "), got " + fields);
                }
                final int i = grow();
                for (int f = 0; f < 4; f++)
                {
                    final int start = starts[column[f]];
                    final String line = text;
                    store(f, i, text.substring(start, ends[column[f]]),
                        () -> name + ":" + number + ":" + CsvLines.columnOf(line, start));
                }
                count++;
            }
            if (column == null)
            {
                throw InputException.at(name, lines.number() + 1, 1, "no header 'source,target,delay_ms,weight' (the " +
                    "file is empty or holds comments only)");
            }
        }
        catch (final IOException ex)
        {
            throw new InputException(name + ": cannot read the connections file: " + ex.getMessage());
        }
    }

    /**
     * Field boundaries of a CSV line (no quoting: numbers), blanks around each field trimmed; at most {@code
     * starts.length} kept.
     *
     * @return the number of fields.
     */
    static int split(final String text, final int[] starts, final int[] ends)
    {
        int fields = 0;
        int from = 0;
        while (true)
        {
            final int comma = text.indexOf(',', from);
            final int end = comma < 0 ? text.length() : comma;
            if (fields < starts.length)
            {
                int s = from;
                int e = end;
                while (s < e && Character.isWhitespace(text.charAt(s)))
                {
                    s++;
                }
                while (e > s && Character.isWhitespace(text.charAt(e - 1)))
                {
                    e--;
                }
                starts[fields] = s;
                ends[fields] = e;
            }
            fields++;
            if (comma < 0)
            {
                return fields;
            }
            from = comma + 1;
        }
    }

    /**
     * The header of a CSV file of {@code columns} (in any order): {@code column[f]} is the place of column f.
     *
     * @param what the file's kind for messages, "a connections file".
     */
    static int[] header(final List<String> columns, final String what, final String name, final int line,
        final String text, final int fields, final int[] starts, final int[] ends)
    {
        final int[] column = new int[columns.size()];
        Arrays.fill(column, -1);
        final String all = String.join(",", columns);
        for (int at = 0; at < Math.min(fields, starts.length); at++)
        {
            final String field = text.substring(starts[at], ends[at]).toLowerCase(Locale.ROOT);
            final int f = columns.indexOf(field);
            if (f < 0 || column[f] >= 0)
            {
                throw InputException.at(name, line, CsvLines.columnOf(text, starts[at]), (f < 0 ? "unknown column " +
                    YamlDocument.quoted(StimulusLoader.escaped(field)) : "column " + YamlDocument.quoted(field) +
                    " twice") + ": the header of " + what + " is " + all + " (in any order)" +
                    (f < 0 ? SpellingSuggestion.hint(field, columns, "columns: ") : ""));
            }
            column[f] = at;
        }
        if (fields != columns.size())
        {
            throw InputException.at(name, line, 1, "the header of " + what + " is " + all + " (in any order), got " +
                fields + " column" + (fields == 1 ? "" : "s"));
        }
        return column;
    }

    private static List<String> header(final int[] column)
    {
        final String[] names = new String[4];
        for (int f = 0; f < 4; f++)
        {
            names[column[f]] = COLUMNS.get(f);
        }
        return List.of(names);
    }

    /** Where a value is, for its message: {@code file:line:column} or {@code folder/array.npy, element i}. */
    @FunctionalInterface
    private interface Place
    {
        String get();
    }

    /**
     * Checks and stores field {@code f} (0 source, 1 target, 2 delay, 3 weight) of synapse {@code i}, given as text.
     */
    private void store(final int f, final int i, final String field, final Place place)
    {
        if (field.isEmpty())
        {
            throw new InputException(place.get() + ": the " + COLUMNS.get(f) + " is empty");
        }
        if (f < 3)
        {
            // Ids and delays are mostly plain digits: read without the number pattern (a 10^7-line file took 18 s).
            final int plain = plainInteger(field);
            if (plain >= 0)
            {
                storeNumber(f, i, plain, field, place);
                return;
            }
        }
        if (!NumberSyntax.isDecimal(field))
        {
            throw new InputException(place.get() + ": the " + COLUMNS.get(f) + " " +
                YamlDocument.quoted(StimulusLoader.escaped(field.length() > 40 ? field.substring(0, 40) + "..." : field)) +
                " is not a number");
        }
        storeNumber(f, i, Double.parseDouble(field), field, place);
    }

    /** The value of 1 to 9 decimal digits, or -1 for any other text (a sign, a point, an exponent: the full syntax). */
    static int plainInteger(final String field)
    {
        if (field.length() > 9)
        {
            return -1;
        }
        int value = 0;
        for (int k = 0; k < field.length(); k++)
        {
            final char c = field.charAt(k);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private void storeNumber(final int f, final int i, final double v, final String shownValue, final Place place)
    {
        switch (f)
        {
            case 0:
            case 1:
            {
                final boolean source = f == 0;
                final long first = source ? sourceFirst : targetFirst;
                final long end = source ? sourceFirst + (long)sourceSize : targetEnd;
                final long id = v >= 0 && v < Integer.MAX_VALUE && v == Math.rint(v) ? (long)v + (local ? first : 0) : -1;
                if (id < first || id >= end)
                {
                    throw new InputException(place.get() + ": the " + COLUMNS.get(f) + " " + shownValue + " is not " +
                        (source ? "a source" : "a target") + " of " + context + ": " + (local ? "0.." +
                        (end - first - 1) + " (ids: local, within " + (source ? sourceName : targetName) + ")" :
                        (source ? sourceName : targetName) + " is neurons " + first + ".." + (end - 1) + " (global " +
                        "ids; ids: local numbers each from 0)"));
                }
                if (source)
                {
                    sources[i] = (int)id;
                }
                else
                {
                    targets[i] = (int)id;
                }
                break;
            }
            case 2:
                if (v != Math.rint(v) || v < 1 || v > Checks.MAX_DELAY)
                {
                    throw new InputException(place.get() + ": the delay_ms " + shownValue + " must be a whole number " +
                        "of ms (the network's step) from 1 to " + Checks.MAX_DELAY);
                }
                delays[i] = (int)v;
                break;
            default:
                // As a float: 3.4028235e38, Float.MAX_VALUE as Java and numpy print it, is a little above the double
                // of that float and was refused.
                if (!Float.isFinite((float)v))
                {
                    throw new InputException(place.get() + ": the weight " + shownValue + " must be a finite float " +
                        "(within +-3.4e38)");
                }
                weights[i] = (float)v;
                if (lowestPlace == null || (float)v < lowest)
                {
                    lowest = (float)v;
                    lowestPlace = place;
                }
                if (highestPlace == null || (float)v > highest)
                {
                    highest = (float)v;
                    highestPlace = place;
                }
                break;
        }
    }

    /**
     * The arrays for {@code synapses} (a CSV file's lines after its header, or the arrays' length), refused beyond
     * what half the heap reads: a file of 3 million synapses under -Xmx200m was refused with a count it did not hold.
     */
    private void allocate(final long synapses, final String what)
    {
        if (synapses > maxSynapses)
        {
            throw projection.document().error(value, String.format(Locale.ROOT, "'connections' of %s holds %s%,d " +
                "synapses (%s): reading them takes %d bytes each, %s, more than half this JVM's heap of %s: %s",
                context, what.startsWith("lines") ? "up to " : "", synapses, what, BYTES_PER_SYNAPSE_READ,
                org.izhsim.network.build.MemoryEstimate.bytes(synapses * BYTES_PER_SYNAPSE_READ),
                org.izhsim.network.build.MemoryEstimate.bytes(Runtime.getRuntime().maxMemory()),
                org.izhsim.output.HeapAdvice.moreHeap(2 * synapses * BYTES_PER_SYNAPSE_READ)));
        }
        final int n = (int)synapses;
        sources = new int[n];
        targets = new int[n];
        delays = new int[n];
        weights = new float[n];
    }

    /** Room for one more synapse; its index. */
    private int grow()
    {
        if (count == sources.length)
        {
            // The file grew after its lines were counted.
            throw new InputException(projection.document().origin(value) + ": the connections file changed while " +
                "it was read");
        }
        return count;
    }

    /** Lines of a file, counted by their ends (and a last one without): the most synapses it can hold. */
    static long lines(final Path file) throws IOException
    {
        long lines = 0;
        // The last byte: a line is open after anything but an end, and an LF right after a CR ends no other line.
        int last = '\n';
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer))
            {
                for (int k = 0; k < n; k++)
                {
                    final int b = buffer[k];
                    lines += b == '\r' || (b == '\n' && last != '\r') ? 1 : 0;
                    last = b;
                }
            }
        }
        return lines + (last != '\n' && last != '\r' ? 1 : 0);
    }

    // ---------------------------------------------------------------- a folder of .npy arrays

    /**
     * @param only     the run's projection K whose synapses to read (its {@code projection:}), 0 for all of them: a
     *                 folder whose synapse_projections.npy names several is then refused (two plastic projections
     *                 reading it back took every synapse each, twice the network that learnt).
     * @param onlyNode where {@code projection:} is written, or null.
     */
    private void readFolder(final Path folder, final String name, final int only, final Node onlyNode)
    {
        final Path labels = folder.resolve(PROJECTIONS);
        final String labelsShown = name + (name.endsWith("/") ? "" : "/") + PROJECTIONS;
        final boolean labelled = Files.isRegularFile(labels);
        if (onlyNode != null && !labelled)
        {
            // A fixed network's run writes none of the arrays (only plastic runs do): "runs write it since
            // 2026-12-07" was said of a folder this build had just written. Its connections_K.csv is the way.
            final boolean arrays = Files.isRegularFile(folder.resolve(ARRAYS.get(0)));
            final int k = onlyNode instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar ?
                parseIntOr(scalar.getValue(), 0) : 0;
            final Path csv = folder.resolve("connections_" + k + ".csv");
            throw projection.document().error(onlyNode, "'projection' picks one projection's synapses by the folder's " +
                PROJECTIONS + ", which " + YamlDocument.quoted(name) + " lacks (" + (arrays ? "runs write it since " +
                "2026-12-07" : "only runs with plastic projections write it and the synapse arrays") + ")" +
                (k > 0 && Files.isRegularFile(csv) ? ": name its connections_" + k + ".csv instead, {file: " +
                name + (name.endsWith("/") ? "" : "/") + "connections_" + k + ".csv}" : ""));
        }
        final java.util.TreeSet<Integer> present = labelled ? projectionsIn(labels, labelsShown) :
            new java.util.TreeSet<>();
        if (only == 0 && present.size() > 1)
        {
            throw projection.document().error(value, "'connections' " + YamlDocument.quoted(name) + " holds the " +
                "synapses of " + present.size() + " plastic projections of its run (K = " + joined(present) + " in " +
                PROJECTIONS + "): name one, {file: " + name + ", projection: K}");
        }
        if (only > 0 && !present.contains(only))
        {
            throw projection.document().error(onlyNode, "no synapse of projection " + only + " in " +
                YamlDocument.quoted(name) + ": its " + PROJECTIONS + " holds K = " + joined(present));
        }
        final Npy[] arrays = new Npy[only > 0 ? 5 : 4];
        // Closed whatever stops the reading: an array refused after others were opened held them open (the
        // explorer's server reads its folder's configs for as long as it runs).
        try
        {
            for (int f = 0; f < 4; f++)
            {
                final Path file = folder.resolve(ARRAYS.get(f));
                final String shown = name + (name.endsWith("/") ? "" : "/") + ARRAYS.get(f);
                final String unreadable = InputFile.problem(file);
                if (unreadable != null)
                {
                    throw projection.document().error(value, "'connections' " + YamlDocument.quoted(name) + " is a " +
                        "folder, which must hold " + String.join(", ", ARRAYS) + " (a run's synapse arrays): " + shown +
                        ": " + unreadable);
                }
                arrays[f] = Npy.open(file, shown, f >= 2);
            }
            if (only > 0)
            {
                arrays[4] = Npy.open(labels, labelsShown, false);
            }
            final long n = arrays[0].length;
            for (int f = 1; f < arrays.length; f++)
            {
                if (arrays[f].length != n)
                {
                    throw new InputException(arrays[f].name + ": " + arrays[f].length + " values, but " +
                        arrays[0].name + " has " + n + ": the arrays list the same synapses");
                }
            }
            allocate(n, "the length of its arrays");
            for (long i = 0; i < n; i++)
            {
                if (only > 0 && arrays[4].next() != only)
                {
                    for (int f = 0; f < 4; f++)
                    {
                        arrays[f].next();
                    }
                    continue;
                }
                final int at = grow();
                for (int f = 0; f < 4; f++)
                {
                    final Npy a = arrays[f];
                    final double v = a.next();
                    final long element = i;
                    // With the projection picked: its elements are the run's projection K's, which the reader
                    // may have taken for another (a source outside this projection's named no K).
                    storeNumber(f, at, v, a.shown(v), () -> a.name + ", element " + element +
                        (only > 0 ? " (projection " + only + ")" : ""));
                }
                count++;
            }
        }
        catch (final IOException ex)
        {
            throw new InputException(name + ": cannot read the connections arrays: " + ex.getMessage());
        }
        finally
        {
            for (final Npy a : arrays)
            {
                if (a != null)
                {
                    a.close();
                }
            }
        }
    }

    private static int parseIntOr(final String text, final int otherwise)
    {
        try
        {
            return Integer.parseInt(text.strip());
        }
        catch (final NumberFormatException ex)
        {
            return otherwise;
        }
    }

    /** The projections (K) that a run's synapse_projections.npy names. */
    private static java.util.TreeSet<Integer> projectionsIn(final Path labels, final String shown)
    {
        final java.util.TreeSet<Integer> present = new java.util.TreeSet<>();
        final Npy k = Npy.open(labels, shown, false);
        try
        {
            for (long i = 0; i < k.length; i++)
            {
                final double label = k.next();
                if (!(label >= 1 && label <= Integer.MAX_VALUE))
                {
                    // A run writes K from 1: another value asked to be named, and 'projection:' then refused it.
                    throw new InputException(shown + ", element " + i + ": " + k.shown(label) + " is no projection " +
                        "(a run writes K from 1, each synapse's place in its projections)");
                }
                present.add((int)label);
            }
        }
        catch (final IOException ex)
        {
            throw new InputException(shown + ": cannot be read: " + ex.getMessage());
        }
        finally
        {
            k.close();
        }
        return present;
    }

    private static String joined(final java.util.Collection<Integer> ks)
    {
        return ks.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
    }

    /** A one-dimensional little-endian .npy array of int32, int64, float32 or float64, read value by value. */
    private static final class Npy
    {
        final String name;
        final long length;
        private final InputStream in;
        private final char type;
        private final int bytes;
        private final byte[] buffer = new byte[8];
        private final ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);

        private Npy(final String name, final InputStream in, final long length, final char type, final int bytes)
        {
            this.name = name;
            this.in = in;
            this.length = length;
            this.type = type;
            this.bytes = bytes;
        }

        static Npy open(final Path file, final String name, final boolean floats)
        {
            InputStream in = null;
            try
            {
                in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                final byte[] magic = in.readNBytes(10);
                if (magic.length < 10 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[2] != 'U' ||
                    magic[3] != 'M' || magic[4] != 'P' || magic[5] != 'Y' || magic[6] < 1 || magic[6] > 3)
                {
                    throw new InputException(name + ": not a .npy file (numpy.save writes one)");
                }
                int headerLength = (magic[8] & 0xff) | (magic[9] & 0xff) << 8;
                if (magic[6] > 1)
                {
                    final byte[] more = in.readNBytes(2);
                    if (more.length < 2)
                    {
                        throw new InputException(name + ": a .npy header cut short");
                    }
                    headerLength |= (more[0] & 0xff) << 16 | (more[1] & 0x7f) << 24;
                }
                if (headerLength > 1 << 16)
                {
                    throw new InputException(name + ": a .npy header of " + headerLength + " bytes (numpy's are short)");
                }
                final byte[] headerBytes = in.readNBytes(headerLength);
                if (headerBytes.length < headerLength)
                {
                    throw new InputException(name + ": a .npy header cut short");
                }
                final String header = new String(headerBytes, StandardCharsets.ISO_8859_1).replace(" ", "");
                final String descr = field(header, "'descr':'", "'");
                final String order = field(header, "'fortran_order':", ",");
                final String shape = field(header, "'shape':(", ")");
                if (descr == null && header.contains("'descr':["))
                {
                    throw new InputException(name + ": a structured array (several fields per value), where one " +
                        "number per synapse is read");
                }
                if (descr == null || shape == null || order == null)
                {
                    throw new InputException(name + ": a .npy header without descr, fortran_order or shape: " +
                        StimulusLoader.escaped(header.length() > 80 ? header.substring(0, 80) + "..." : header));
                }
                final List<String> types = floats ? List.of("<f4", "<f8", "<i4", "<i8") : List.of("<i4", "<i8");
                if (!types.contains(descr))
                {
                    throw new InputException(name + ": values of type " + YamlDocument.quoted(
                        StimulusLoader.escaped(descr)) + ", where " + String.join(" or ", types) + " (little-endian " +
                        (floats ? "floats or integers" : "integers") + ") are read");
                }
                final String dims = shape.endsWith(",") ? shape.substring(0, shape.length() - 1) : shape;
                if (dims.isEmpty() || dims.contains(",") || !dims.chars().allMatch(Character::isDigit) ||
                    dims.length() > 18)
                {
                    throw new InputException(name + ": an array of shape (" + StimulusLoader.escaped(shape) + "), " +
                        "where one dimension, a value per synapse, is read");
                }
                final long length = Long.parseLong(dims);
                final int bytes = descr.charAt(2) - '0';
                if (Files.size(file) < 10L + (magic[6] > 1 ? 2 : 0) + headerLength + length * bytes)
                {
                    throw new InputException(name + ": " + length + " values of " + bytes + " bytes in its header, " +
                        "but the file is " + Files.size(file) + " bytes (cut short?)");
                }
                return new Npy(name, in, length, descr.charAt(1), bytes);
            }
            catch (final IOException ex)
            {
                close(in);
                throw new InputException(name + ": cannot read it: " + ex.getMessage());
            }
            catch (final RuntimeException ex)
            {
                close(in);
                throw ex;
            }
        }

        private static String field(final String header, final String key, final String end)
        {
            final int at = header.indexOf(key);
            if (at < 0)
            {
                return null;
            }
            final int from = at + key.length();
            final int to = header.indexOf(end, from);
            return to < 0 ? null : header.substring(from, to);
        }

        double next() throws IOException
        {
            if (in.readNBytes(buffer, 0, bytes) < bytes)
            {
                throw new IOException("cut short");
            }
            if (type == 'f')
            {
                return bytes == 4 ? view.getFloat(0) : view.getDouble(0);
            }
            return bytes == 4 ? view.getInt(0) : (double)view.getLong(0);
        }

        String shown(final double v)
        {
            return type == 'f' ? (bytes == 4 ? Float.toString((float)v) : Double.toString(v)) :
                Long.toString((long)v);
        }

        void close()
        {
            close(in);
        }

        private static void close(final InputStream in)
        {
            try
            {
                if (in != null)
                {
                    in.close();
                }
            }
            catch (final IOException ignored)
            {
                // Read only: nothing is lost.
            }
        }
    }
}
