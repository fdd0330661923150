package org.izhsim.config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.izhsim.core.InputException;
import org.izhsim.core.InputFile;
import org.izhsim.core.NumberSyntax;
import org.izhsim.expr.Expression;
import org.izhsim.expr.ExpressionException;
import org.izhsim.network.build.Checks;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML file composed into a node tree whose every node keeps its start mark, and the conversion of
 * scalar nodes to typed values. Every problem becomes an {@link InputException} reading
 * {@code file:line:column: what}, 1-based, with the file named as the user gave it.
 * <p>
 * Hostile files are refused in bounded time and memory: only a regular file is opened (a pipe or a device is
 * refused), at most {@link #MAX_FILE_BYTES} of it are read (so a 10 MB file stops at the limit), the text must be
 * UTF-8, collections nest at most {@link #MAX_NESTING} deep (the composer recurses per level), aliases of collections
 * are capped (a "billion laughs" file), and long values are shortened in messages.
 */
final class YamlDocument
{
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");

    /** Largest experiment or stimulus file: the biggest real config is a few kB. */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** Deepest nesting of YAML collections; the schema itself needs four levels. */
    static final int MAX_NESTING = 64;
    /** The floats that hold parameters, weights and currents in the network engine. */
    static final double FLOAT_MAX = org.izhsim.network.build.Checks.FLOAT_LIMIT;
    private static final int MAX_MESSAGE = 400;

    /** Aliases of collections in one file; a real config needs a handful, a "billion laughs" file thousands. */
    private static final int MAX_ALIASES = 50;

    private final String fileName;
    private final String text;
    /** Lines and columns as an editor shows them (SnakeYAML's marks are places in code points). */
    private final TextPlaces places;
    private final Node root;
    /**
     * Expressions already compiled and checked on the grid, by variable and text: one value aliased 12,000 times
     * (a 300 kB expression anchored once, `a: *x` in every population) was compiled and checked 12,000 times, 16
     * minutes for a 1 MB file.
     */
    private final java.util.Map<String, Expression> checkedExpressions = new java.util.HashMap<>();
    /** The anchored values some alias reuses, for {@link #reuseNote}; set by {@link #compose}. */
    private List<Anchored> reused = List.of();
    /** The longest expression: ours are tens of characters; each is checked at 4097 points. */
    static final int MAX_EXPRESSION_CHARS = 4096;

    private YamlDocument(final String fileName, final String text, final TextPlaces places, final Node root)
    {
        this.fileName = fileName;
        this.text = text;
        this.places = places;
        this.root = root;
    }

    /**
     * @param text     the YAML text.
     * @param fileName the file as the user named it, for messages.
     * @return the composed document; its root is a mapping.
     * @throws InputException on a syntax error, an empty file or a root that is not a mapping.
     */
    static YamlDocument compose(final String text, final String fileName)
    {
        return compose(text, fileName, List.of());
    }

    /**
     * @param sets the command line's {@code --set KEY=VALUE} overrides, applied in order to the file's tree before
     *             anything reads it ({@link ConfigSets}); a value they bring is located as {@code --set KEY=VALUE}.
     * @return the composed document; its root is a mapping.
     * @throws InputException on a syntax error, an empty file, a root that is not a mapping or a bad override.
     */
    static YamlDocument compose(final String text, final String fileName, final List<String> sets)
    {
        // Non-scalar keys and duplicate keys are let through the composer so that ConfigMapping reports
        // them with their line and column.
        if (text.length() > MAX_FILE_BYTES)
        {
            throw new InputException(fileName + ": " + tooLarge());
        }
        final TextPlaces places = new TextPlaces(text);
        final List<List<Anchored>> anchored = new ArrayList<>();
        final Optional<Node> root = composeNode(text, fileName, places, anchored);
        if (root.isEmpty())
        {
            throw InputException.at(fileName, 1, 1, "the file is empty");
        }
        final YamlDocument file = new YamlDocument(fileName, text, places, root.get());
        file.reused = anchored.get(0);
        if (!(root.get() instanceof MappingNode))
        {
            throw file.error(root.get(), "expected a mapping of keys at the top level, got " + describe(root.get()));
        }
        final YamlDocument document = sets.isEmpty() ? file :
            new YamlDocument(fileName, text, places, ConfigSets.apply((MappingNode)root.get(), sets));
        document.reused = file.reused;
        refuseMergeKeys(document, document.root, Collections.newSetFromMap(new IdentityHashMap<>()));
        return document;
    }

    /**
     * The value of one {@code --set}, composed as the files are (the same limits, tags refused), its nodes' marks
     * named {@code label} so that a problem in it is reported as that override.
     *
     * @return the value's node, or empty for an empty text.
     */
    static Optional<Node> composeValue(final String text, final String label)
    {
        return composeNode(text, label, new TextPlaces(text), new ArrayList<>());
    }

    /** @param anchored receives the anchored values that some alias reuses. */
    private static Optional<Node> composeNode(final String text, final String fileName, final TextPlaces places,
        final List<List<Anchored>> anchored)
    {
        final LoadSettings settings = LoadSettings.builder().setLabel(fileName).setAllowNonScalarKeys(true)
            .setMaxAliasesForCollections(MAX_ALIASES).setCodePointLimit(MAX_FILE_BYTES + 1).build();
        try
        {
            final DepthLimitedParser parser = new DepthLimitedParser(
                new ParserImpl(settings, new StreamReader(settings, text)), fileName, places);
            final Optional<Node> root = new Composer(settings, parser).getSingleNode();
            anchored.add(parser.reused());
            return root;
        }
        catch (final MarkedYamlEngineException ex)
        {
            // A --set value's message has no place to point at.
            final Mark opened = ConfigSets.isLabel(fileName) ? null : endsInside(ex);
            final int bracket = opened == null && !ConfigSets.isLabel(fileName) && atStreamEnd(ex) ?
                innermostUnclosed(text) : -1;
            if (bracket >= 0)
            {
                // SnakeYAML's context for "[" at the end of a file is the end itself ("while parsing a flow node").
                final int[] place = places.lineAndColumn(bracket);
                throw InputException.at(fileName, place[0], place[1], "YAML syntax error: the file ends inside the '" +
                    new String(Character.toChars(text.codePointAt(text.offsetByCodePoints(0, bracket)))) +
                    "' that opens here (" + oneLine(ex.getProblem()) + ")");
            }
            final Mark mark = opened != null ? opened : ex.getProblemMark().or(ex::getContextMark).orElse(null);
            final String longKey = mark == null || opened != null ? null : longKey(places, mark, problem(ex));
            final String what = opened != null ? "YAML syntax error: the file ends inside " +
                ex.getContext().replaceFirst("^while (parsing|scanning) ", "").replace("quoted scalar", "quoted string") +
                " that starts here (" +
                oneLine(ex.getProblem()) + ")" : longKey != null ? longKey : "YAML syntax error: " +
                oneLine(problem(ex));
            throw mark != null ? at(fileName, places, mark, what) : new InputException(fileName + ": " + what);
        }
        catch (final ReaderException ex)
        {
            final int[] lineColumn = places.lineAndColumn(ex.getPosition());
            // The character named: NUL and its kin are invisible where the line points.
            final int c = ex.getCodePoint();
            final String what = "YAML syntax error: " + oneLine(ex.getMessage()) + String.format(java.util.Locale.ROOT,
                " (U+%04X%s)", c, Character.getName(c) == null ? "" : " " + Character.getName(c));
            throw ConfigSets.isLabel(fileName) ? new InputException(fileName + ": " + what) :
                InputException.at(fileName, lineColumn[0], lineColumn[1], what);
        }
        catch (final YamlEngineException ex)
        {
            throw unmarked(text, places, fileName, settings, ex);
        }
    }

    /**
     * A merge key ({@code <<: *base}) is YAML 1.1's, which this YAML 1.2 reader takes as a key named "<<": it was
     * refused as "unknown key '<<'" or, where a required key came from it, as "missing required key".
     */
    private static void refuseMergeKeys(final YamlDocument document, final Node node, final Set<Node> seen)
    {
        if (!seen.add(node))
        {
            return;
        }
        if (node instanceof MappingNode mapping)
        {
            for (final NodeTuple entry : mapping.getValue())
            {
                if (entry.getKeyNode() instanceof ScalarNode key && "<<".equals(key.getValue()) &&
                    key.getScalarStyle() == ScalarStyle.PLAIN)
                {
                    throw document.error(key, "merge keys ('<<') are not supported: write the keys out (an alias " +
                        "of a whole value, 'plasticity: *rule', works)");
                }
                refuseMergeKeys(document, entry.getKeyNode(), seen);
                refuseMergeKeys(document, entry.getValueNode(), seen);
            }
        }
        else if (node instanceof SequenceNode sequence)
        {
            for (final Node item : sequence.getValue())
            {
                refuseMergeKeys(document, item, seen);
            }
        }
    }

    /**
     * Reads a regular file or a named pipe ({@link InputFile}: a device need not end; a pipe's open waits for its
     * writer, and says so after a second), at most {@link #MAX_FILE_BYTES} + 1 bytes of it, so that a huge file
     * cannot fill the heap.
     *
     * @return the file's text, UTF-8.
     * @throws InputException naming the file when it cannot be read, is not a regular file, is too large or is not
     *         UTF-8 (located at the first bad byte).
     */
    static String read(final Path file)
    {
        final boolean pipe = InputFile.isPipe(file);
        final String unreadable = pipe ? null : InputFile.refusal(file);
        if (unreadable != null)
        {
            throw new InputException(unreadable);
        }
        final byte[] bytes;
        try (InputStream in = pipe ? InputFile.openWaitingForAWriter(file) : Files.newInputStream(file))
        {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        catch (final IOException ex)
        {
            throw new InputException(file + ": " + (ex instanceof NoSuchFileException ? "no such file" :
                ex instanceof AccessDeniedException ? "permission denied" :
                "cannot read the file (" + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage()) + ")"));
        }
        if (bytes.length > MAX_FILE_BYTES)
        {
            throw new InputException(file + ": " + tooLarge());
        }
        return utf8(bytes, file.toString());
    }

    private static String tooLarge()
    {
        return "the file is larger than " + MAX_FILE_BYTES + " bytes (1 MiB), the limit of experiment and stimulus files";
    }

    private static String utf8(final byte[] bytes, final String fileName)
    {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        final CharBuffer out = CharBuffer.allocate(bytes.length);
        final CoderResult result = decoder.decode(in, out, true);
        if (result.isError())
        {
            // The text decoded so far gives the line and column of the first bad byte.
            final String before = out.flip().toString();
            final int[] place = new TextPlaces(before).lineAndColumn(before.codePointCount(0, before.length()));
            throw InputException.at(fileName, place[0], place[1], String.format(java.util.Locale.ROOT,
                "the file is not UTF-8 text (byte 0x%02x at byte offset %d)", bytes[in.position()] & 0xff, in.position()));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    MappingNode root()
    {
        return (MappingNode)root;
    }

    /**
     * @return where {@code node} starts, {@code file:line:column}: the origin a spec carries so that the
     *         network plan reports a broken rule there.
     */
    String origin(final Node node)
    {
        final Mark mark = node.getStartMark().orElseThrow();
        if (ConfigSets.isLabel(mark.getName()))
        {
            return mark.getName();
        }
        final int[] place = places.lineAndColumn(node.getStartMark().orElseThrow().getIndex());
        return fileName + ":" + place[0] + ":" + place[1];
    }

    /** Whether {@code node} is a value of the command line's --set rather than of the file. */
    static boolean fromCommandLine(final Node node)
    {
        return ConfigSets.isLabel(node.getStartMark().orElseThrow().getName());
    }

    /**
     * @return an exception located at the start of {@code node}.
     */
    InputException error(final Node node, final String what)
    {
        final Mark mark = node.getStartMark().orElseThrow();
        if (ConfigSets.isLabel(mark.getName()))
        {
            // A value of the command line's --set: its own text, not the file's, and no alias reuses it.
            return new InputException(mark.getName() + ": " + shortened(what));
        }
        return at(fileName, places, mark, shortened(what) + reuseNote(mark.getIndex()));
    }

    /**
     * A value reached through an alias is the anchored node itself, located where the anchor is: an error of its reuse
     * on line 15 pointed at line 14, in another projection that is fine. Said when the place is inside a value some
     * alias reuses: " (line 14 is in the value anchored as &rule, reused by *rule at line 15)".
     */
    private String reuseNote(final int index)
    {
        Anchored inner = null;
        for (final Anchored a : reused)
        {
            if (a.start <= index && index < a.end && (inner == null || a.start >= inner.start))
            {
                inner = a;
            }
        }
        if (inner == null)
        {
            return "";
        }
        final int line = places.lineAndColumn(index)[0];
        final StringBuilder lines = new StringBuilder();
        for (int k = 0; k < inner.aliases.size() && k < 5; k++)
        {
            lines.append(k == 0 ? "" : ", ").append(places.lineAndColumn(inner.aliases.get(k))[0]);
        }
        return " (line " + line + " is in the value anchored as &" + inner.name + ", reused by *" + inner.name +
            " at line" + (inner.aliases.size() > 1 ? "s " : " ") + lines + (inner.aliases.size() > 5 ? ", ..." : "") +
            ")";
    }

    /** An anchored value's span of the text (indexes of marks) and the places of the aliases that reuse it. */
    private static final class Anchored
    {
        private final String name;
        private final int start;
        /** Past the value; a collection's is set at its end. */
        private int end;
        private final List<Integer> aliases = new ArrayList<>();

        Anchored(final String name, final int start, final int end)
        {
            this.name = name;
            this.start = start;
            this.end = end;
        }
    }

    /**
     * @return an exception located at {@code mark}: its line and column from its place in the text, as an editor
     *         counts them (SnakeYAML's own column skips a byte-order mark anywhere on the line).
     */
    private static InputException at(final String fileName, final TextPlaces places, final Mark mark, final String what)
    {
        if (ConfigSets.isLabel(fileName))
        {
            return new InputException(fileName + ": " + what);
        }
        final int[] place = places.lineAndColumn(mark.getIndex());
        return InputException.at(fileName, place[0], place[1], what);
    }

    /**
     * @param offset where the problem is in the value, in chars (UTF-16 units, as Java strings index).
     * @return an exception located {@code offset} characters into the text of a one-line scalar, or at its
     *         start when the text in the file differs from the value (escapes, folded lines).
     */
    InputException errorInside(final ScalarNode node, final int offset, final String what)
    {
        if (ConfigSets.isLabel(node.getStartMark().orElseThrow().getName()))
        {
            return error(node, what);
        }
        final int quote = node.getScalarStyle() == ScalarStyle.SINGLE_QUOTED ||
            node.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED ? 1 : 0;
        final int start = node.getStartMark().orElseThrow().getIndex() + quote;
        final String value = node.getValue();
        final String before = value.substring(0, Math.max(0, Math.min(offset, value.length())));
        final boolean verbatim = text.startsWith(value, places.charIndex(start)) &&
            before.indexOf('\n') < 0 && before.indexOf('\r') < 0;
        if (!verbatim)
        {
            return error(node, what);
        }
        // Code points: an emoji before the problem is one column in an editor, two chars here.
        final int[] place = places.lineAndColumn(start + before.codePointCount(0, before.length()));
        return InputException.at(fileName, place[0], place[1], shortened(what) + reuseNote(start));
    }

    double number(final Node value, final String key)
    {
        final String text = scalarText(value, "a number", key);
        if (NON_FINITE.matcher(text).matches())
        {
            throw error(value, "expected a finite number for '" + key + "', got '" + text + "'");
        }
        if (!NumberSyntax.isDecimal(text))
        {
            throw error(value, "expected a number for '" + key + "', got " + describe(value));
        }
        final double number = Double.parseDouble(text);
        if (!Double.isFinite(number))
        {
            throw error(value, "expected a finite number for '" + key + "', got '" + text + "'");
        }
        return number;
    }

    /**
     * A number the network engine stores as a float: finite as a double is not enough, 1e39 would become
     * infinity without a word.
     */
    double floatNumber(final Node value, final String key)
    {
        return floatNumber(value, key, null);
    }

    /** As {@link #floatNumber(Node, String)}, the refusal ending "in CONTEXT" (the mapping's place) when given. */
    double floatNumber(final Node value, final String key, final String context)
    {
        final double number = number(value, key);
        if (Math.abs(number) > FLOAT_MAX)
        {
            throw error(value, outsideFloat("'" + key + "' " + scalarText(value, "a number", key)) +
                (context != null ? " in " + context : ""));
        }
        return number;
    }

    /**
     * @param what the value, e.g. {@code 'weight' 1e39}.
     * @return the message for a value beyond the float range.
     */
    static String outsideFloat(final String what)
    {
        return what + " is outside the range a float holds (+-3.4e38)";
    }

    /**
     * Accepts any integer-valued number, so {@code size: 1e5} is 100000.
     */
    int integer(final Node value, final String key)
    {
        return integer(value, key, null);
    }

    /**
     * {@link #integer(Node, String)}, the range's refusal naming {@code context} ("in reward of plasticity of ...")
     * when not null: "'window_ms' = 1e39 is out of range" named the key alone.
     */
    int integer(final Node value, final String key, final String context)
    {
        final String text = scalarText(value, "an integer", key);
        if (!NumberSyntax.isDecimal(text))
        {
            throw error(value, "expected an integer for '" + key + "', got " + describe(value));
        }
        final double number = Double.parseDouble(text);
        // Judged on the decimal text, as a seed is: 80.0000000000000001 reads as the double 80.0, and was taken as 80.
        final java.math.BigDecimal exact = decimal(text);
        if (number != Math.rint(number) ||
            exact != null && exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0)
        {
            throw error(value, "expected an integer for '" + key + "', got '" + text + "'");
        }
        if (Math.abs(number) > Integer.MAX_VALUE)
        {
            throw error(value, "'" + key + "' = " + text + " is out of range (at most " + Integer.MAX_VALUE + ")" +
                (context == null ? "" : " in " + context));
        }
        return (int)number;
    }

    long longInteger(final Node value, final String key)
    {
        final String text = scalarText(value, "an integer", key);
        try
        {
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        }
        catch (final NumberFormatException ex)
        {
            // As int keys take any integer-valued number (size: 1e5), so does a long one (seed: 1e3 was refused),
            // and one beyond 64 bits says so rather than "expected an integer".
            final java.math.BigDecimal number = NumberSyntax.isDecimal(text) ? decimal(text) : null;
            if (number != null && (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0))
            {
                // More than 19 integer digits cannot be a long (and 1e999999999 must not be expanded to find out).
                if (number.precision() - number.scale() > 19)
                {
                    throw outOfLongRange(value, key, text);
                }
                try
                {
                    return number.toBigIntegerExact().longValueExact();
                }
                catch (final ArithmeticException outOfRange)
                {
                    throw outOfLongRange(value, key, text);
                }
            }
            throw error(value, "expected an integer for '" + key + "', got " + describe(value));
        }
    }

    /** The decimal of a YAML number's text, or null when its exponent is beyond BigDecimal's range. */
    private static java.math.BigDecimal decimal(final String text)
    {
        try
        {
            return new java.math.BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private InputException outOfLongRange(final Node value, final String key, final String text)
    {
        return error(value, "'" + key + "' = " + text + " is out of range (a 64-bit integer, from " + Long.MIN_VALUE +
            " to " + Long.MAX_VALUE + ")");
    }

    boolean bool(final Node value, final String key)
    {
        final String text = scalarText(value, "true or false", key);
        if (TRUE.matcher(text).matches())
        {
            return true;
        }
        if (FALSE.matcher(text).matches())
        {
            return false;
        }
        throw error(value, "expected true or false for '" + key + "', got " + describe(value));
    }

    String string(final Node value, final String key)
    {
        return scalarText(value, "a text", key);
    }

    /**
     * The text of a value that names one of a known set (a rule, a population). A null, an empty value, a list or a
     * mapping is refused with the set, "expected one of halfstep, euler for 'integration', got null ('~')": read as a
     * text, null said "quote it for the text", and a quoted '~' names nothing either.
     *
     * @param kind what the names are, before them, e.g. {@code "the populations "}; empty for a key's own values.
     */
    String name(final Node value, final String key, final java.util.Collection<String> names, final String kind)
    {
        return scalarText(value, "one of " + kind + String.join(", ", names), key);
    }

    MappingNode mapping(final Node value, final String key)
    {
        if (value instanceof MappingNode)
        {
            return (MappingNode)value;
        }
        throw error(value, "expected a mapping for '" + key + "', got " + describe(value));
    }

    SequenceNode sequence(final Node value, final String key)
    {
        if (value instanceof SequenceNode)
        {
            return (SequenceNode)value;
        }
        throw error(value, "expected a list for '" + key + "', got " + describe(value));
    }

    /**
     * A number, or an expression of {@code variable} such as {@code -65 + 15*r^2}; errors in the
     * expression point at their column inside the value.
     *
     * @return the compiled expression, constant for a plain number.
     */
    Expression numberOrExpression(final Node value, final String key, final String variable)
    {
        final String text = scalarText(value, "a number or an expression of " + variable, key);
        if (NumberSyntax.isDecimal(text) || NON_FINITE.matcher(text).matches())
        {
            number(value, key); // a plain number: .nan, .inf or 1e999 are reported as numbers, not expressions
        }
        final String cacheKey = variable + '\u0000' + text;
        final Expression checked = checkedExpressions.get(cacheKey);
        if (checked != null)
        {
            return checked;
        }
        if (text.length() > MAX_EXPRESSION_CHARS)
        {
            throw error(value, "the expression for '" + key + "' is " + text.length() + " characters long, more than " +
                "the " + MAX_EXPRESSION_CHARS + " an expression may have");
        }
        final Expression expression;
        try
        {
            expression = Expression.compile(text, variable);
        }
        catch (final ExpressionException ex)
        {
            // The key too: "m.yaml:10:18: missing operator before 'x'" of `a: 0x10` did not say which value.
            throw errorInside((ScalarNode)value, ex.offset(), ex.problem() + " in '" + key + "' = " + quoted(text));
        }
        if (expression.isConstant())
        {
            final double constant = expression.applyAsDouble(0.0);
            if (!Double.isFinite(constant))
            {
                throw error(value, "expression " + quoted(text) + " for '" + key + "' is " + constant);
            }
            if (Math.abs(constant) > FLOAT_MAX)
            {
                throw error(value, outsideFloat("'" + key + "' " + (NumberSyntax.isDecimal(text) ?
                    text : quoted(text) + " = " + constant)));
            }
            checkedExpressions.put(cacheKey, expression);
            return expression;
        }
        // The variable is a uniform random number in [0, 1), drawn afresh per neuron or synapse: the value
        // must be a finite float for all of them. The ends and a dense dyadic grid catch log(0), sqrt(r - 0.5),
        // 1/(r - 0.25) and overflow in a few thousand evaluations.
        for (int k = 0; k <= Checks.FUNCTION_GRID; k++)
        {
            final double x = Checks.gridPoint(k);
            final double result = expression.applyAsDouble(x);
            if (!Double.isFinite(result) || Math.abs(result) > FLOAT_MAX)
            {
                throw error(value, "expression " + quoted(text) + " for '" + key + "' is " + result + " at " + variable +
                    " = " + BigDecimal.valueOf(x).stripTrailingZeros().toPlainString() + (Double.isFinite(result) ?
                    ", outside the range a float holds (+-3.4e38)" : "") + "; it must be finite for every " + variable +
                    " in [0, 1)");
            }
        }
        checkedExpressions.put(cacheKey, expression);
        return expression;
    }

    /**
     * The library's errors that carry no place, located: the alias limit at the alias beyond it (it said "Number of
     * aliases for non-scalar nodes exceeds the specified max=50" for the file), a %YAML directive of another version
     * at its line (it said "Version{major=2, minor=0}").
     */
    private static InputException unmarked(final String text, final TextPlaces places, final String fileName,
        final LoadSettings settings, final YamlEngineException ex)
    {
        final String message = ex.getMessage() == null ? "" : ex.getMessage();
        if (message.startsWith("Number of aliases for non-scalar nodes exceeds"))
        {
            final Set<String> collections = new java.util.HashSet<>();
            int aliases = 0;
            try
            {
                final Parser events = new ParserImpl(settings, new StreamReader(settings, text));
                while (events.hasNext())
                {
                    final Event event = events.next();
                    if (event instanceof CollectionStartEvent start && start.getAnchor().isPresent())
                    {
                        collections.add(start.getAnchor().get().getValue());
                    }
                    else if (event instanceof org.snakeyaml.engine.v2.events.AliasEvent alias &&
                        collections.contains(alias.getAlias().getValue()) && ++aliases > MAX_ALIASES &&
                        event.getStartMark().isPresent())
                    {
                        return at(fileName, places, event.getStartMark().get(), "more than " +
                            MAX_ALIASES + " aliases of lists or mappings in one file (a limit against files built to " +
                            "exhaust the loader): write the values out");
                    }
                }
            }
            catch (final YamlEngineException again)
            {
                // Not found again: the file-level line below.
            }
            return new InputException(fileName + ": more than " + MAX_ALIASES + " aliases of lists or mappings in one " +
                "file (a limit against files built to exhaust the loader): write the values out");
        }
        final java.util.regex.Matcher version = Pattern.compile("Version\\{major=(\\d+), minor=(\\d+)\\}").matcher(message);
        if (version.lookingAt())
        {
            // The directive of that version (a file may have a %YAML 1.2 first), without its comment.
            final String refused = version.group(1) + "." + version.group(2);
            final String[] lines = text.replaceFirst("^\uFEFF", "").split("\r\n|\r|\n", -1);
            for (int k = 0; k < lines.length; k++)
            {
                final String[] words = lines[k].replaceFirst("\\s+#.*", "").trim().split("\\s+");
                if (words.length == 2 && words[0].equals("%YAML") && versionOf(words[1]).equals(refused))
                {
                    return InputException.at(fileName, k + 1, 1, "YAML version '" + words[1] +
                        "' is not read: these files are YAML 1.2 (leave the %YAML line out)");
                }
            }
        }
        return new InputException(fileName + ": YAML error: " + oneLine(message));
    }

    /** A %YAML directive's version as the library reads it: "1.02" is 1.2. */
    private static String versionOf(final String written)
    {
        final String[] parts = written.split("\\.");
        try
        {
            return parts.length == 2 ? Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]) : written;
        }
        catch (final NumberFormatException notANumber)
        {
            return written;
        }
    }

    static String describe(final Node node)
    {
        if (node instanceof MappingNode)
        {
            return "a mapping";
        }
        if (node instanceof SequenceNode)
        {
            return "a list";
        }
        final String text = ((ScalarNode)node).getValue();
        return text.isEmpty() ? "an empty value" : isNull(node) ? "null (" + quoted(text) + ")" : quoted(text);
    }

    /**
     * @return whether {@code node} is YAML's null written out (~, null, Null, NULL unquoted); an empty value is told
     *         apart as such.
     */
    static boolean isNull(final Node node)
    {
        return node instanceof ScalarNode scalar && !scalar.getValue().isEmpty() && (Tag.NULL.equals(node.getTag()) ||
            scalar.getScalarStyle() == ScalarStyle.PLAIN && NULL_WORDS.contains(scalar.getValue()));
    }

    /**
     * @return {@code 'text'}, its middle elided when it is long and its control characters escaped
     *         ({@link InputException#quoted}): a value read from a block scalar ({@code seed: |}) ends in a line break,
     *         which made the exception's message two lines.
     */
    static String quoted(final String text)
    {
        return InputException.quoted(text);
    }

    /** The longest value a message shows unquoted, as {@link InputException#quoted} quotes at most. */
    private static final int MAX_SHOWN = 80;

    /**
     * @return a value as a message shows it unquoted ("got 0"): as it is when short and plain, else {@link #quoted}, so
     *         that a 250-character value does not crowd out the rest of the line.
     */
    static String shown(final String text)
    {
        return text.length() <= MAX_SHOWN && InputException.escaped(text, false).equals(text) ? text :
            quoted(text);
    }

    /** A message that quotes a huge value anyway (a key, a name) keeps its start and end. */
    private static String shortened(final String what)
    {
        return what.length() <= MAX_MESSAGE ? what :
            what.substring(0, MAX_MESSAGE / 2) + " ... " + what.substring(what.length() - MAX_MESSAGE / 4);
    }

    /** The plain scalars YAML 1.1 and 1.2's core schema read as null (the JSON schema used here reads only null). */
    private static final java.util.Set<String> NULL_WORDS = java.util.Set.of("~", "null", "Null", "NULL");

    private String scalarText(final Node value, final String expected, final String key)
    {
        if (value instanceof ScalarNode && !((ScalarNode)value).getValue().isEmpty())
        {
            // YAML's null (~, null, Null, NULL unquoted) is no text: `name: ~` made a folder called '~'. Quoting is
            // the way to a free text only: a name from a set is listed by the caller's expected.
            if (isNull(value))
            {
                throw error(value, "expected " + expected + " for '" + key + "', got null (" +
                    quoted(((ScalarNode)value).getValue()) + ("a text".equals(expected) ? "; quote it for the text)" : ")"));
            }
            return ((ScalarNode)value).getValue();
        }
        throw error(value, "expected " + expected + " for '" + key + "', got " + describe(value));
    }

    /**
     * Passes the parser's events to the composer, which recurses once per level of nesting: a file of
     * 100,000 '[' is refused at the first level too deep instead of overflowing the stack.
     */
    private static final class DepthLimitedParser implements Parser
    {
        private final Parser parser;
        private final String fileName;
        private final TextPlaces places;
        private int depth;
        /** Anchored values in the order they begin; an alias reuses the last one of its name before it. */
        private final List<Anchored> anchors = new ArrayList<>();
        private final java.util.Map<String, Anchored> latest = new java.util.HashMap<>();
        /** Anchored collections still open: their index in {@link #anchors} and their depth. */
        private final java.util.ArrayDeque<int[]> open = new java.util.ArrayDeque<>();

        /** The anchored values that some alias reuses. */
        List<Anchored> reused()
        {
            return anchors.stream().filter(a -> !a.aliases.isEmpty()).toList();
        }

        private void track(final Event event)
        {
            final int start = event.getStartMark().map(Mark::getIndex).orElse(-1);
            if (event instanceof org.snakeyaml.engine.v2.events.AliasEvent alias)
            {
                final Anchored anchored = latest.get(alias.getAlias().getValue());
                if (anchored != null && start >= 0)
                {
                    anchored.aliases.add(start);
                }
                return;
            }
            final Optional<org.snakeyaml.engine.v2.common.Anchor> anchor =
                event instanceof org.snakeyaml.engine.v2.events.NodeEvent node ? node.getAnchor() : Optional.empty();
            if (anchor.isPresent() && start >= 0)
            {
                final boolean collection = event instanceof CollectionStartEvent;
                final int end = collection ? Integer.MAX_VALUE : event.getEndMark().map(Mark::getIndex).orElse(start + 1);
                final Anchored anchored = new Anchored(anchor.get().getValue(), start, end);
                anchors.add(anchored);
                latest.put(anchored.name, anchored);
                if (collection)
                {
                    open.push(new int[] {anchors.size() - 1, depth});
                }
            }
            else if ((event.getEventId() == Event.ID.SequenceEnd || event.getEventId() == Event.ID.MappingEnd) &&
                !open.isEmpty() && open.peek()[1] == depth + 1)
            {
                // Called after the end's depth-- : the collection opened at depth + 1 ends here.
                anchors.get(open.pop()[0]).end = event.getEndMark().map(Mark::getIndex).orElse(Integer.MAX_VALUE);
            }
        }

        DepthLimitedParser(final Parser parser, final String fileName, final TextPlaces places)
        {
            this.parser = parser;
            this.fileName = fileName;
            this.places = places;
        }

        @Override
        public boolean checkEvent(final Event.ID choice)
        {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent()
        {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext()
        {
            return parser.hasNext();
        }

        @Override
        public Event next()
        {
            final Event event = parser.next();
            final Event.ID id = event.getEventId();
            if (event instanceof org.snakeyaml.engine.v2.events.DocumentStartEvent start &&
                start.getSpecVersion().filter(v -> v.getMajor() != 1 || v.getMinor() != 2).isPresent())
            {
                // The library reads '%YAML 1.1' (and 1.3) as 1.2 without a word, where 1.1 means another thing for
                // some values (size: 010 is 8 in YAML 1.1 and PyYAML, 10 here): refused at its line, as 2.0 is.
                throw new YamlEngineException(start.getSpecVersion().get().toString());
            }
            final Optional<String> tag = event instanceof ScalarEvent ? ((ScalarEvent)event).getTag() :
                event instanceof CollectionStartEvent ? ((CollectionStartEvent)event).getTag() : Optional.empty();
            if (tag.isPresent())
            {
                // A tag would change what a value is (!!str 10 is text, !!float 1 a number) while every key reads
                // its value by its own rules: refused rather than ignored.
                throw at(fileName, places, event.getStartMark().orElseThrow(), "YAML tags such as '" +
                    shortTag(tag.get()) + "' are not read: write the value without it");
            }
            if (id == Event.ID.SequenceStart || id == Event.ID.MappingStart)
            {
                if (++depth > MAX_NESTING)
                {
                    throw at(fileName, places, event.getStartMark().orElseThrow(),
                        "lists and mappings nest more than " + MAX_NESTING + " levels deep");
                }
            }
            else if (id == Event.ID.SequenceEnd || id == Event.ID.MappingEnd)
            {
                depth--;
            }
            track(event);
            return event;
        }
    }

    /** A tag as written: {@code tag:yaml.org,2002:str} was {@code !!str}. */
    private static String shortTag(final String tag)
    {
        final String core = "tag:yaml.org,2002:";
        return InputException.escaped(tag.startsWith(core) ? "!!" + tag.substring(core.length()) : tag, false);
    }

    /** YAML's longest plain key: a longer one is read as a value, and its ':' is then "not allowed here". */
    private static final int MAX_PLAIN_KEY = 1024;

    /**
     * The message for a plain key longer than YAML reads as a key, or null: a 1,030-character population name was
     * "mapping values are not allowed here", about a line that looks right.
     */
    private static String longKey(final TextPlaces places, final Mark mark, final String problem)
    {
        if (problem == null || !problem.startsWith("mapping values are not allowed") || mark.getColumn() <= MAX_PLAIN_KEY)
        {
            return null;
        }
        final String key = places.lineBefore(mark.getIndex()).strip().replaceFirst("^-\\s+", "");
        final int length = key.codePointCount(0, key.length());
        return length > MAX_PLAIN_KEY && key.indexOf(':') < 0 ? "a key of " + length + " characters: YAML " +
            "reads a key written plainly only up to " + MAX_PLAIN_KEY + " characters (a name that long is likely a " +
            "slip)" : null;
    }

    /**
     * Where the construct starts that the file ends inside (an unclosed '[', '{' or quote), or null: the end of the
     * stream was named as the place, a line past a file's last ("a.yaml:5:1: ... but got <stream end>" in a 4-line file).
     */
    private static Mark endsInside(final MarkedYamlEngineException ex)
    {
        return atStreamEnd(ex) && ex.getContext() != null && ex.getContextMark().isPresent() &&
            (ex.getProblemMark().isEmpty() || ex.getContextMark().get().getIndex() != ex.getProblemMark().get()
                .getIndex()) ? ex.getContextMark().get() : null;
    }

    private static boolean atStreamEnd(final MarkedYamlEngineException ex)
    {
        final String problem = ex.getProblem();
        return problem != null && (problem.contains("<stream end>") || problem.contains("end of stream"));
    }

    /**
     * The code point index of the innermost '[' or '{' that {@code text} leaves open, outside quoted scalars, comments
     * and block scalars, or -1. A quote opens a scalar only where a node starts (after "key:", "-", '[', '{', ',' or
     * at a line's start, and a blank or bracket before it): the apostrophe of "Izhikevich's RS cell" or "rock 'n roll"
     * is part of a plain scalar, and a block scalar's lines ('|' or '>') are text.
     */
    static int innermostUnclosed(final String text)
    {
        final java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        int index = 0;
        int blockIndent = -1;
        char quote = 0;
        for (final String line : text.split("\n", -1))
        {
            final int[] cps = line.codePoints().toArray();
            int indent = 0;
            while (indent < cps.length && cps[indent] == ' ')
            {
                indent++;
            }
            final boolean blank = line.isBlank();
            if (quote == 0 && blockIndent >= 0 && (blank || indent > blockIndent))
            {
                index += cps.length + 1;
                continue;
            }
            blockIndent = -1;
            int previous = '\n';
            int lastNonBlank = '\n';
            int contentEnd = cps.length;
            for (int k = 0; k < cps.length; k++)
            {
                final int c = cps[k];
                if (quote != 0)
                {
                    if (quote == '"' && c == '\\')
                    {
                        k++;
                    }
                    else if (c == quote && quote == '\'' && k + 1 < cps.length && cps[k + 1] == '\'')
                    {
                        k++;
                    }
                    else if (c == quote)
                    {
                        quote = 0;
                    }
                }
                else if (c == '#' && (Character.isWhitespace(previous) || previous == '\n'))
                {
                    contentEnd = k;
                    break;
                }
                else if ((c == '"' || c == '\'') && (Character.isWhitespace(previous) || previous == '\n' ||
                    previous == '[' || previous == '{' || previous == ',') && "\n:-[{,?".indexOf(lastNonBlank) >= 0)
                {
                    quote = (char)c;
                }
                else if (c == '[' || c == '{')
                {
                    open.push(index + k);
                }
                else if ((c == ']' || c == '}') && !open.isEmpty())
                {
                    open.pop();
                }
                if (!Character.isWhitespace(c))
                {
                    lastNonBlank = c;
                }
                previous = c;
            }
            // A block scalar's header ("key: |", "- >-", "|2"): the lines indented below it are its text.
            if (quote == 0 && open.isEmpty() && new String(cps, 0, contentEnd).stripTrailing()
                .matches("(.*[\\s:\\-])?[|>][+\\-]?[0-9]?[+\\-]?"))
            {
                blockIndent = indent;
            }
            index += cps.length + 1;
        }
        return open.isEmpty() ? -1 : open.peek();
    }

    private static String problem(final MarkedYamlEngineException ex)
    {
        final String problem = ex.getProblem();
        final String context = ex.getContext();
        if (problem != null && context != null && problem.startsWith("unexpected character found") &&
            context.matches("while scanning an? (alias|anchor)"))
        {
            // "unexpected character found" NUL "(0)" for '*' at the end of the file, "(10)" before a line break.
            final String what = context.endsWith("alias") ? "an alias ('*' and the name of an anchor)" :
                "an anchor ('&' and its name)";
            final java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\(([0-9]+)\\)$").matcher(problem);
            final int c = code.find() ? Integer.parseInt(code.group(1)) : -1;
            return what + " without a name: " + (c == 0 ? "the file ends" : c == 10 || c == 13 ? "the line ends" :
                c == ' ' ? "a space stands" : c == '\t' ? "a tab stands" : c > 0 && Character.isValidCodePoint(c) ?
                "'" + new String(Character.toChars(c)) + "' stands" : problem) + " where the name should be";
        }
        if (problem == null)
        {
            return context;
        }
        // "expected a single document in the stream" + "but found another document" reads as one sentence.
        return context != null && problem.startsWith("but ") ? context + " " + problem : problem;
    }

    private static String oneLine(final String text)
    {
        return text == null ? "unreadable input" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
