package org.izhsim.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.izhsim.core.InputException;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The command line's {@code --set KEY=VALUE}: one value of an experiment file replaced, or added, before anything
 * reads the file, so that a parameter sweep needs no edited copies and every rule that checks the file checks the
 * value (the same reader, the same plan). KEY is a path of keys joined by '.', e.g. {@code populations.exc.size};
 * in a list (projections) an item is named by its {@code name} (its default name, e.g. {@code exc->inh}, when it has
 * none) or by its place, {@code #1} for the first. VALUE is YAML: {@code 400}, {@code "0.5*rand"}, {@code [exc, inh]},
 * {@code {a: 0.02, b: 0.2, c: -65, d: 8}}. A key the file lacks is added, with the mappings on its way; list items
 * are not. A problem with the value, or with a key the override adds, is reported as the override:
 * {@code --set populations.exc.size=-5: 'size' of population 'exc' must be ...}.
 * <p>
 * The file's tree is not changed in place: every mapping and list on the path is copied, so that a value reused
 * through an alias elsewhere in the file keeps its value there.
 */
final class ConfigSets
{
    /** The start of an override's label, as its messages begin. */
    private static final String LABEL = "--set ";
    private static final String UNSET_LABEL = "--unset ";
    /**
     * How a removal is told from a value among the overrides: a NUL, which no command-line argument holds, then the
     * key ({@link #unset}).
     */
    private static final String UNSET = "\0unset\0";

    /** The override that removes {@code key}. */
    static String unset(final String key)
    {
        return UNSET + key;
    }

    private ConfigSets()
    {
    }

    /** The longest override a message gives whole; a longer one keeps its start and end (a 10 KB value was echoed). */
    private static final int MAX_SHOWN = 80;

    /**
     * @return how messages name the override {@code set}: {@code --set KEY=VALUE}, control characters escaped, and one
     *         over 80 characters cut to its start and end with its length.
     */
    static String label(final String set)
    {
        if (set.startsWith(UNSET))
        {
            final String key = set.substring(UNSET.length());
            return UNSET_LABEL + InputException.escaped(key.length() <= MAX_SHOWN ? key :
                key.substring(0, MAX_SHOWN / 2) + "..." + key.substring(key.length() - MAX_SHOWN / 4), false);
        }
        final String shown = set.length() <= MAX_SHOWN ? set :
            set.substring(0, MAX_SHOWN / 2) + "..." + set.substring(set.length() - MAX_SHOWN / 4);
        return LABEL + InputException.escaped(shown, false) +
            (set.length() <= MAX_SHOWN ? "" : " (" + set.length() + " characters)");
    }

    /** @return whether a node's mark {@code name} is an override's label rather than a file's name. */
    static boolean isLabel(final String name)
    {
        return name != null && (name.startsWith(LABEL) || name.startsWith(UNSET_LABEL));
    }

    /**
     * @param root the file's top-level mapping, not changed.
     * @param sets the overrides, in the order given; a later one of the same key wins.
     * @return the top-level mapping with the overrides in place.
     */
    static MappingNode apply(final MappingNode root, final List<String> sets)
    {
        MappingNode top = copy(root);
        // The unsets first, each against the file as written: a list item they remove stays in its place, marked,
        // until all are done (--unset #1 --unset #2 removed the first and the third of three), and a key removed
        // twice is said to be.
        final java.util.Map<String, String> removed = new java.util.HashMap<>();
        for (final String set : sets)
        {
            if (set.startsWith(UNSET))
            {
                top = remove(top, set.substring(UNSET.length()), label(set), removed);
            }
        }
        if (!removed.isEmpty())
        {
            purge(top);
        }
        for (final String set : sets)
        {
            if (!set.startsWith(UNSET))
            {
                top = applyOne(top, set);
            }
        }
        return top;
    }

    /** A list item an unset removed, in its place until every unset is applied. */
    private static final ScalarNode REMOVED = new ScalarNode(Tag.NULL, false, "", ScalarStyle.PLAIN, Optional.empty(),
        Optional.empty());

    /** The items marked {@link #REMOVED} taken out of every list on the (copied) tree. */
    private static void purge(final Node node)
    {
        if (node instanceof SequenceNode sequence)
        {
            sequence.getValue().removeIf(item -> item == REMOVED);
            sequence.getValue().forEach(ConfigSets::purge);
        }
        else if (node instanceof MappingNode mapping)
        {
            mapping.getValue().forEach(entry -> purge(entry.getValueNode()));
        }
    }

    /** A key or name of the user's, cut to its start and end when long, control characters escaped. */
    private static String shownKey(final String key)
    {
        return InputException.escaped(key.length() <= MAX_SHOWN ? key :
            key.substring(0, MAX_SHOWN / 2) + "..." + key.substring(key.length() - MAX_SHOWN / 4) + " (" +
            key.length() + " characters)", false);
    }

    private static MappingNode applyOne(final MappingNode root, final String set)
    {
        final String label = label(set);
        final int equals = set.indexOf('=');
        if (equals <= 0)
        {
            throw new InputException(label + ": expected KEY=VALUE, e.g. --set populations.exc.size=400" +
                (equals == 0 ? " (the key is empty)" : " (no '=')"));
        }
        final String key = set.substring(0, equals);
        final String[] path = key.split("\\.", -1);
        for (final String part : path)
        {
            if (part.isEmpty())
            {
                throw new InputException(label + ": the key '" + InputException.escaped(key, false) + "' has an " +
                    "empty part: keys are joined by single dots, e.g. populations.exc.size");
            }
        }
        final Optional<Node> composed = YamlDocument.composeValue(set.substring(equals + 1), label);
        if (composed.isEmpty())
        {
            throw new InputException(label + ": the value is empty (write \"\" for an empty text; a key cannot be removed " +
                "by a --set)");
        }
        final Mark mark = new Mark(label, 0, 0, 0, new int[0], 0);
        final Node value = composed.get();
        return walk(root, path, label, new Change()
        {
            @Override
            public void atKey(final List<NodeTuple> entries, final int at, final String part, final String here)
            {
                put(entries, at, new NodeTuple(at >= 0 ? entries.get(at).getKeyNode() : scalar(part, mark), value));
            }

            @Override
            public void atItem(final List<Node> items, final int at, final String here)
            {
                items.set(at, value);
            }

            @Override
            public Node missing(final List<NodeTuple> entries, final int at, final String part, final String here,
                final String walked)
            {
                // A key the file lacks (or holds empty) is added with the mappings on its way.
                final Node child = new MappingNode(Tag.MAP, false, new ArrayList<>(), FlowStyle.BLOCK,
                    Optional.of(mark), Optional.of(mark));
                put(entries, at, new NodeTuple(at >= 0 ? entries.get(at).getKeyNode() : scalar(part, mark), child));
                return child;
            }
        });
    }

    /** What a --set or an --unset does at the end of its path, and on its way where a mapping lacks the key. */
    private interface Change
    {
        /** The path ends at a mapping's key {@code part}: its entry at {@code at}, or -1 when it has none. */
        void atKey(List<NodeTuple> entries, int at, String part, String here);

        /** The path ends at list item {@code at}. */
        void atItem(List<Node> items, int at, String here);

        /**
         * On the way, a mapping has no key {@code part} ({@code at} -1) or an empty value there: the mapping to go on
         * in, put in place, or a refusal.
         */
        Node missing(List<NodeTuple> entries, int at, String part, String here, String walked);

        /** The unset that removed list item {@code here} (a set meets none: the unsets' marks are gone by then). */
        default String removedBy(final String here)
        {
            return "an earlier --unset";
        }
    }

    /**
     * The one walk of a --set's and an --unset's path: keys of mappings, list items by name or place
     * ({@link #indexOfItem}), every mapping and list on the way copied (an aliased value keeps its value elsewhere),
     * {@code change} at the end.
     */
    private static MappingNode walk(final MappingNode root, final String[] path, final String label,
        final Change change)
    {
        Node container = root;
        final StringBuilder walked = new StringBuilder();
        for (int k = 0; k < path.length; k++)
        {
            final boolean last = k == path.length - 1;
            final String part = path[k];
            final String here = walked.length() == 0 ? part : walked + "." + part;
            if (container instanceof MappingNode mapping)
            {
                final List<NodeTuple> entries = mapping.getValue();
                final int at = indexOfKey(entries, part);
                if (last)
                {
                    change.atKey(entries, at, part, here);
                    return root;
                }
                final Node value = at >= 0 ? entries.get(at).getValueNode() : null;
                if (value == null || YamlDocument.isNull(value))
                {
                    container = change.missing(entries, at, part, here, walked.toString());
                }
                else
                {
                    final Node child = copy(value, label, here);
                    entries.set(at, new NodeTuple(entries.get(at).getKeyNode(), child));
                    container = child;
                }
            }
            else
            {
                final List<Node> items = ((SequenceNode)container).getValue();
                final int at = indexOfItem(items, part, label, walked.toString());
                if (items.get(at) == REMOVED)
                {
                    throw new InputException(label + ": '" + shownKey(here) + "' is removed already, by " +
                        change.removedBy(here));
                }
                if (last)
                {
                    change.atItem(items, at, here);
                    return root;
                }
                final Node child = copy(items.get(at), label, here);
                items.set(at, child);
                container = child;
            }
            walked.append(walked.length() == 0 ? "" : ".").append(part);
        }
        throw new IllegalStateException("unreachable: a path of " + path.length + " parts");
    }

    /**
     * {@code --unset KEY}: the key's entry, or the list item it names, removed; the mappings and lists on its way
     * copied as for a value. A key the file lacks is an error (a misspelt key was removed without a word).
     */
    private static MappingNode remove(final MappingNode root, final String key, final String label,
        final java.util.Map<String, String> removed)
    {
        if (key.isEmpty())
        {
            throw new InputException(label + ": the key is empty, e.g. --unset 'projections.#1.plasticity'");
        }
        final String[] path = key.split("\\.", -1);
        for (final String part : path)
        {
            if (part.isEmpty())
            {
                throw new InputException(label + ": the key '" + shownKey(key) + "' has an " +
                    "empty part: keys are joined by single dots, e.g. projections.#1.plasticity");
            }
        }
        return walk(root, path, label, new Change()
        {
            @Override
            public void atKey(final List<NodeTuple> entries, final int at, final String part, final String here)
            {
                if (at < 0)
                {
                    missing(entries, at, part, here, here.contains(".") ? here.substring(0, here.lastIndexOf('.')) : "");
                }
                entries.remove(at);
                removed.put(here, label);
            }

            @Override
            public String removedBy(final String here)
            {
                return removed.getOrDefault(here, "an earlier --unset");
            }

            @Override
            public void atItem(final List<Node> items, final int at, final String here)
            {
                // Marked, not removed, until every unset is done: the places of the later ones are the file's.
                items.set(at, REMOVED);
                removed.put(here, label);
            }

            @Override
            public Node missing(final List<NodeTuple> entries, final int at, final String part, final String here,
                final String walked)
            {
                if (at >= 0)
                {
                    // An empty value on the way: no keys to go on in (refused as a single value is).
                    return copy(entries.get(at).getValueNode(), label, here);
                }
                if (removed.containsKey(here))
                {
                    throw new InputException(label + ": '" + shownKey(here) + "' is removed already, by " +
                        removed.get(here));
                }
                final List<String> keys = new ArrayList<>();
                for (final NodeTuple entry : entries)
                {
                    if (entry.getKeyNode() instanceof ScalarNode scalar)
                    {
                        keys.add(scalar.getValue());
                    }
                }
                throw new InputException(label + ": the file has no key '" + shownKey(here) + "'" +
                    SpellingSuggestion.hint(part, keys, (walked.isEmpty() ? "top-level keys" : "keys of '" +
                    shownKey(walked) + "'") + ": "));
            }
        });
    }

    private static void put(final List<NodeTuple> entries, final int at, final NodeTuple entry)
    {
        if (at >= 0)
        {
            entries.set(at, entry);
        }
        else
        {
            entries.add(entry);
        }
    }

    private static int indexOfKey(final List<NodeTuple> entries, final String key)
    {
        for (int i = 0; i < entries.size(); i++)
        {
            if (entries.get(i).getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key))
            {
                return i;
            }
        }
        return -1;
    }

    /** An item of a list by its place ({@code #2}) or its name (a projection's default name if it has none). */
    private static int indexOfItem(final List<Node> items, final String part, final String label, final String list)
    {
        if (part.startsWith("#"))
        {
            final String digits = part.substring(1);
            final int place = digits.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(digits) : 0;
            if (place < 1 || place > items.size())
            {
                throw new InputException(label + ": '" + list + "' has " + items.size() + " item" +
                    (items.size() == 1 ? "" : "s") + ", so '" + shownKey(part) + "' names none " +
                    "(the first is #1)");
            }
            return place - 1;
        }
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++)
        {
            final String name = itemName(items.get(i), i);
            if (part.equals(name))
            {
                return i;
            }
            names.add(name);
        }
        throw new InputException(label + ": no item of '" + list + "' is named '" + shownKey(part) +
            "' (" + (names.isEmpty() ? "the list is empty" : "its items: " + listed(names)) + "; or name one by its " +
            "place, #1)");
    }

    /** Names quoted and shortened, the list cut after about 200 characters with its count: a message stays a line. */
    private static String listed(final List<String> names)
    {
        final StringBuilder out = new StringBuilder();
        for (final String name : names)
        {
            final String shown = "'" + shownKey(name) + "'";
            if (out.length() > 0 && out.length() + shown.length() > 200)
            {
                return out + ", ... (" + names.size() + " in all)";
            }
            out.append(out.length() == 0 ? "" : ", ").append(shown);
        }
        return out.toString();
    }

    private static String itemName(final Node item, final int index)
    {
        if (item instanceof ScalarNode scalar && item != REMOVED)
        {
            // A list of plain values (a projection's to: [exc, inh]): an item is named by its value.
            return scalar.getValue();
        }
        if (!(item instanceof MappingNode mapping))
        {
            return "#" + (index + 1);
        }
        final String name = ConfigMapping.peek(mapping, "name");
        return name != null ? name : ProjectionReader.defaultName(mapping, index);
    }

    /** A copy of a mapping or list on the path, whose entries the override may then replace. */
    private static Node copy(final Node node, final String label, final String key)
    {
        if (node instanceof MappingNode mapping)
        {
            return copy(mapping);
        }
        if (node instanceof SequenceNode sequence)
        {
            return new SequenceNode(sequence.getTag(), false, new ArrayList<>(sequence.getValue()),
                sequence.getFlowStyle(), sequence.getStartMark(), sequence.getEndMark());
        }
        // A population's params given as a cell class name (params: RS): the way to change one of its values.
        final String cellClass = node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar &&
            key.endsWith(".params") && PopulationReader.CELL_CLASSES.contains(scalar.getValue()) ? scalar.getValue() : null;
        throw new InputException(label + ": '" + InputException.escaped(key, false) + "' holds a single value (" +
            YamlDocument.describe(node) + "), not keys or a list, so the key cannot go on from it" +
            (cellClass == null ? "" : ": give the class with the value that differs, --set '" +
                InputException.escaped(key, false) + "={type: " + cellClass + ", a: ...}'"));
    }

    private static MappingNode copy(final MappingNode mapping)
    {
        return new MappingNode(mapping.getTag(), false, new ArrayList<>(mapping.getValue()), mapping.getFlowStyle(),
            mapping.getStartMark(), mapping.getEndMark());
    }

    private static ScalarNode scalar(final String text, final Mark mark)
    {
        return new ScalarNode(Tag.STR, false, text, ScalarStyle.PLAIN, Optional.of(mark), Optional.of(mark));
    }
}
