package org.izhsim.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.izhsim.core.InputException;
import org.izhsim.expr.Expression;
import org.izhsim.expr.ExpressionException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML file composed into a node tree whose every node keeps its start mark, and the conversion of
 * scalar nodes to typed values. Every problem becomes an {@link InputException} reading
 * {@code file:line:column: what}, 1-based, with the file named as the user gave it.
 */
final class YamlDocument
{
    // YAML 1.2 core schema numbers; Double.parseDouble alone would also take "1d", "0x1p3" or "NaN".
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");

    private final String fileName;
    private final String[] lines;
    private final Node root;

    private YamlDocument(final String fileName, final String text, final Node root)
    {
        this.fileName = fileName;
        this.lines = text.split("\r?\n", -1);
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
        // Non-scalar keys and duplicate keys are let through the composer so that ConfigMapping reports
        // them with their line and column.
        final LoadSettings settings = LoadSettings.builder().setLabel(fileName).setAllowNonScalarKeys(true).build();
        final Optional<Node> root;
        try
        {
            root = new Compose(settings).composeString(text);
        }
        catch (final MarkedYamlEngineException ex)
        {
            final Mark mark = ex.getProblemMark().or(ex::getContextMark).orElse(null);
            final String what = "YAML syntax error: " + oneLine(problem(ex));
            throw mark != null ?
                InputException.at(fileName, mark.getLine() + 1, mark.getColumn() + 1, what) :
                new InputException(fileName + ": " + what);
        }
        catch (final ReaderException ex)
        {
            final int[] lineColumn = lineAndColumn(text, ex.getPosition());
            throw InputException.at(fileName, lineColumn[0], lineColumn[1],
                "YAML syntax error: " + oneLine(ex.getMessage()));
        }
        catch (final YamlEngineException ex)
        {
            throw new InputException(fileName + ": YAML error: " + oneLine(ex.getMessage()));
        }
        if (root.isEmpty())
        {
            throw InputException.at(fileName, 1, 1, "the file is empty");
        }
        final YamlDocument document = new YamlDocument(fileName, text, root.get());
        if (!(root.get() instanceof MappingNode))
        {
            throw document.error(root.get(), "expected a mapping of keys at the top level, got " + describe(root.get()));
        }
        return document;
    }

    /**
     * @return the file's text, UTF-8.
     * @throws InputException naming the file when it cannot be read.
     */
    static String read(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new InputException(file + ": " + (ex instanceof NoSuchFileException ?
                "no such file" : "cannot read the file (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")"));
        }
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
        return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    /**
     * @return an exception located at the start of {@code node}.
     */
    InputException error(final Node node, final String what)
    {
        final Mark mark = node.getStartMark().orElseThrow();
        return InputException.at(fileName, mark.getLine() + 1, mark.getColumn() + 1, what);
    }

    /**
     * @return an exception located {@code offset} characters into the text of a one-line scalar, or at its
     *         start when the text in the file differs from the value (escapes, folded lines).
     */
    InputException errorInside(final ScalarNode node, final int offset, final String what)
    {
        final Mark mark = node.getStartMark().orElseThrow();
        final int quote = node.getScalarStyle() == ScalarStyle.SINGLE_QUOTED ||
            node.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED ? 1 : 0;
        final int line = mark.getLine();
        final int column = mark.getColumn() + quote;
        final boolean verbatim = line < lines.length && column <= lines[line].length() &&
            lines[line].startsWith(node.getValue(), column);
        return verbatim ?
            InputException.at(fileName, line + 1, column + offset + 1, what) :
            error(node, what);
    }

    double number(final Node value, final String key)
    {
        final String text = scalarText(value, "a number", key);
        if (NON_FINITE.matcher(text).matches())
        {
            throw error(value, "expected a finite number for '" + key + "', got '" + text + "'");
        }
        if (!NUMBER.matcher(text).matches())
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
     * Accepts any integer-valued number, so {@code size: 1e5} is 100000.
     */
    int integer(final Node value, final String key)
    {
        final String text = scalarText(value, "an integer", key);
        if (!NUMBER.matcher(text).matches())
        {
            throw error(value, "expected an integer for '" + key + "', got " + describe(value));
        }
        final double number = Double.parseDouble(text);
        if (number != Math.rint(number))
        {
            throw error(value, "expected an integer for '" + key + "', got '" + text + "'");
        }
        if (Math.abs(number) > Integer.MAX_VALUE)
        {
            throw error(value, "'" + key + "' = " + text + " is out of range (at most " + Integer.MAX_VALUE + ")");
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
            throw error(value, "expected an integer for '" + key + "', got " + describe(value));
        }
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
        if (NUMBER.matcher(text).matches() || NON_FINITE.matcher(text).matches())
        {
            number(value, key); // a plain number: .nan, .inf or 1e999 are reported as numbers, not expressions
        }
        final Expression expression;
        try
        {
            expression = Expression.compile(text, variable);
        }
        catch (final ExpressionException ex)
        {
            throw errorInside((ScalarNode)value, ex.offset(), ex.problem());
        }
        // The variable is a uniform random number in [0, 1): its ends and middle catch log(0), sqrt(-1)...
        for (final double x : new double[] {0.0, 0.5, Math.nextDown(1.0)})
        {
            final double result = expression.applyAsDouble(x);
            if (!Double.isFinite(result))
            {
                throw error(value, "expression '" + text + "' for '" + key + "' is " + result + " at " + variable + " = " +
                    (x == 0.5 ? "0.5" : x == 0.0 ? "0" : "1"));
            }
        }
        return expression;
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
        return text.isEmpty() ? "an empty value" : "'" + text + "'";
    }

    private String scalarText(final Node value, final String expected, final String key)
    {
        if (value instanceof ScalarNode && !((ScalarNode)value).getValue().isEmpty())
        {
            return ((ScalarNode)value).getValue();
        }
        throw error(value, "expected " + expected + " for '" + key + "', got " + describe(value));
    }

    private static String problem(final MarkedYamlEngineException ex)
    {
        final String problem = ex.getProblem();
        final String context = ex.getContext();
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

    private static int[] lineAndColumn(final String text, final int codePointIndex)
    {
        int line = 1;
        int column = 1;
        for (int i = 0, codePoints = 0; i < text.length() && codePoints < codePointIndex; codePoints++)
        {
            final int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
