package org.izhsim.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.izhsim.expr.Expression;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML mapping of a config, checked on construction against the keys valid at its place: a key that
 * is not a plain name, a duplicate or an unknown key (with its nearest valid spelling) is a located
 * error. The typed getters locate wrong values at the value and missing keys at the mapping.
 */
final class ConfigMapping
{
    private final YamlDocument document;
    private final MappingNode node;
    private final String context;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    /**
     * @param context   where the mapping is, for messages: {@code "projection 'exc->inh'"}.
     * @param validKeys the keys allowed here, in the order the documentation lists them.
     */
    ConfigMapping(final YamlDocument document, final MappingNode node, final String context, final List<String> validKeys)
    {
        this.document = document;
        this.node = node;
        this.context = context;
        for (final NodeTuple entry : node.getValue())
        {
            final String key = keyName(document, entry.getKeyNode(), context);
            if (entries.containsKey(key))
            {
                throw document.error(entry.getKeyNode(),
                    "duplicate key " + YamlDocument.quoted(key) + " in " + context);
            }
            if (validKeys != null && !validKeys.contains(key))
            {
                throw document.error(entry.getKeyNode(),
                    "unknown key " + YamlDocument.quoted(key) + " in " + context +
                    SpellingSuggestion.hint(key, validKeys, "valid keys: "));
            }
            entries.put(key, entry);
        }
    }

    /**
     * A mapping whose keys are names chosen by the user (populations): only duplicates are checked.
     */
    static ConfigMapping ofNames(final YamlDocument document, final MappingNode node, final String context)
    {
        return new ConfigMapping(document, node, context, null);
    }

    /**
     * The value under {@code key}, without any check, to name a mapping in messages before it is
     * checked; null when absent.
     */
    static Node peekNode(final MappingNode node, final String key)
    {
        for (final NodeTuple entry : node.getValue())
        {
            if (entry.getKeyNode() instanceof ScalarNode && key.equals(((ScalarNode)entry.getKeyNode()).getValue()))
            {
                return entry.getValueNode();
            }
        }
        return null;
    }

    /**
     * @return the text of the scalar under {@code key}, unchecked; null when absent or not a scalar.
     */
    static String peek(final MappingNode node, final String key)
    {
        final Node value = peekNode(node, key);
        return value instanceof ScalarNode ? ((ScalarNode)value).getValue() : null;
    }

    YamlDocument document()
    {
        return document;
    }

    MappingNode node()
    {
        return node;
    }

    String context()
    {
        return context;
    }

    Iterable<NodeTuple> entries()
    {
        return entries.values();
    }

    boolean has(final String key)
    {
        return entries.containsKey(key);
    }

    Node value(final String key)
    {
        final NodeTuple entry = entries.get(key);
        if (entry == null)
        {
            throw document.error(node, "missing required key '" + key + "' in " + context);
        }
        return entry.getValueNode();
    }

    Node keyNode(final String key)
    {
        return entries.get(key).getKeyNode();
    }

    double number(final String key)
    {
        return document.number(value(key), key);
    }

    double number(final String key, final double defaultValue)
    {
        return has(key) ? number(key) : defaultValue;
    }

    /**
     * @return a number within the float range, which the network engine stores it in.
     */
    double floatNumber(final String key)
    {
        // Where the mapping is, as every other refusal of its keys says ("'e_ampa_mv' 1e39 is outside the range a
        // float holds" named no projection).
        return document.floatNumber(value(key), key, context);
    }

    double floatNumber(final String key, final double defaultValue)
    {
        return has(key) ? floatNumber(key) : defaultValue;
    }

    /**
     * @return a number >= 0 within the float range.
     */
    double nonNegativeFloat(final String key, final double defaultValue)
    {
        if (!has(key))
        {
            return defaultValue;
        }
        floatNumber(key);
        return nonNegativeNumber(key);
    }

    int integer(final String key)
    {
        return document.integer(value(key), key, context);
    }

    long longInteger(final String key, final long defaultValue)
    {
        return has(key) ? document.longInteger(value(key), key) : defaultValue;
    }

    boolean bool(final String key, final boolean defaultValue)
    {
        return has(key) ? document.bool(value(key), key) : defaultValue;
    }

    String string(final String key)
    {
        return document.string(value(key), key);
    }

    String string(final String key, final String defaultValue)
    {
        return has(key) ? string(key) : defaultValue;
    }

    Expression numberOrExpression(final String key, final String variable)
    {
        return document.numberOrExpression(value(key), key, variable);
    }

    ConfigMapping mapping(final String key, final String context, final List<String> validKeys)
    {
        return new ConfigMapping(document, document.mapping(value(key), key), context, validKeys);
    }

    SequenceNode sequence(final String key)
    {
        return document.sequence(value(key), key);
    }

    /**
     * @return a value that must be greater than zero.
     */
    double positiveNumber(final String key)
    {
        final double value = number(key);
        if (value <= 0.0)
        {
            throw document.error(value(key), "'" + key + "' must be > 0 in " + context + ", got " + text(key));
        }
        return value;
    }

    double positiveNumber(final String key, final double defaultValue)
    {
        return has(key) ? positiveNumber(key) : defaultValue;
    }

    double nonNegativeNumber(final String key)
    {
        final double value = number(key);
        if (value < 0.0)
        {
            throw document.error(value(key), "'" + key + "' must be >= 0 in " + context + ", got " + text(key));
        }
        return value;
    }

    double nonNegativeNumber(final String key, final double defaultValue)
    {
        return has(key) ? nonNegativeNumber(key) : defaultValue;
    }

    int positiveInteger(final String key)
    {
        final int value = integer(key);
        if (value <= 0)
        {
            throw document.error(value(key), "'" + key + "' must be > 0 in " + context + ", got " + text(key));
        }
        return value;
    }

    /**
     * @param names the valid spellings, in the order the documentation lists them.
     * @param what  what the value names, for messages: {@code "rule"}.
     * @return the value, one of {@code names}.
     */
    String oneOf(final String key, final List<String> names, final String what)
    {
        final String text = document.name(value(key), key, names, "");
        if (!names.contains(text))
        {
            throw document.error(value(key), "unknown " + what + " " + YamlDocument.quoted(text) + " in " + context +
                SpellingSuggestion.hint(text, names, "valid: "));
        }
        return text;
    }

    <E extends Enum<E> & YamlName> E choice(final String key, final E[] values, final String what)
    {
        final List<String> names = new ArrayList<>();
        for (final E value : values)
        {
            names.add(value.yamlName());
        }
        return values[names.indexOf(oneOf(key, names, what))];
    }

    /**
     * @return the value's text as written, for messages: quoted and cut to 80 characters when it is longer or holds a
     *         control character ({@link YamlDocument#shown}).
     */
    String text(final String key)
    {
        final Node value = value(key);
        return value instanceof ScalarNode ? YamlDocument.shown(((ScalarNode)value).getValue()) :
            YamlDocument.describe(value);
    }

    /**
     * @return the value's text as written, whole; null when it is not a scalar.
     */
    String rawText(final String key)
    {
        final Node value = value(key);
        return value instanceof ScalarNode ? ((ScalarNode)value).getValue() : null;
    }

    private static String keyName(final YamlDocument document, final Node key, final String context)
    {
        if (!(key instanceof ScalarNode) || ((ScalarNode)key).getValue().isEmpty())
        {
            throw document.error(key, "expected a plain name as key in " + context + ", got " + YamlDocument.describe(key));
        }
        return ((ScalarNode)key).getValue();
    }
}
