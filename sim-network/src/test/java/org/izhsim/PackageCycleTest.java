package org.izhsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packages of sim-network depend on each other without cycles (the plan below the engine, the shared
 * services below the command line and the explorer), and each says what it owns in a package-info.java.
 * Dependencies are read from the sources: every {@code org.izhsim.pkg.Type} outside comments and strings,
 * imports and fully-qualified names alike.
 */
class PackageCycleTest
{
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.izhsim(?:\\.[a-z][a-z0-9_]*)*)\\.(?:[A-Z*])");
    private static final Pattern COMMENT_OR_STRING =
        Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'", Pattern.DOTALL);

    @Test
    void noPackageCycleInSimNetwork()
    {
        final Map<String, Map<String, Path>> graph = dependencies(SOURCES);
        assertTrue(graph.containsKey("org.izhsim.network.engine") && graph.containsKey("org.izhsim.cli"),
            "the scan found the module's packages: " + graph.keySet());
        assertEquals(List.of(), cycles(graph), "package cycles (an edge names a file that makes it)");
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException
    {
        final List<String> missing = new ArrayList<>();
        for (final String pkg : dependencies(SOURCES).keySet())
        {
            final Path info = SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java");
            if (!Files.isRegularFile(info) || !Files.readString(info).contains("/**"))
            {
                missing.add(pkg);
            }
        }
        assertEquals(List.of(), missing, "packages without a documented package-info.java");
    }

    /** The check itself finds a cycle, through comments and strings that must not count. */
    @Test
    void aCycleThroughAnImportOrAFullName(@org.junit.jupiter.api.io.TempDir final Path dir) throws IOException
    {
        write(dir, "org/izhsim/a/A.java", "package org.izhsim.a;\nimport org.izhsim.b.B;\nclass A { B b; }\n");
        write(dir, "org/izhsim/b/B.java", "package org.izhsim.b;\n// org.izhsim.c.C in a comment\n" +
            "class B { String s = \"org.izhsim.c.C\"; org.izhsim.c.C c; }\n");
        write(dir, "org/izhsim/c/C.java", "package org.izhsim.c;\n/** {@link org.izhsim.a.A} */\nclass C { }\n");
        assertEquals(List.of(), cycles(dependencies(dir)), "comments and strings make no dependency");

        write(dir, "org/izhsim/c/C.java", "package org.izhsim.c;\nclass C { org.izhsim.a.A a; }\n");
        final List<String> found = cycles(dependencies(dir));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("org.izhsim.a -> org.izhsim.b (") &&
            found.get(0).contains("org.izhsim.c -> org.izhsim.a ("), found.get(0));
    }

    private static void write(final Path root, final String file, final String text) throws IOException
    {
        final Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** Package -> the packages of the same tree it refers to, each with one file that does. */
    private static Map<String, Map<String, Path>> dependencies(final Path root)
    {
        final Map<Path, String> packageOf = new HashMap<>();
        final Map<String, Map<String, Path>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root))
        {
            for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".java"))::iterator)
            {
                final String pkg = root.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
                packageOf.put(file, pkg);
                graph.putIfAbsent(pkg, new TreeMap<>());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        for (final Map.Entry<Path, String> entry : packageOf.entrySet())
        {
            final String code;
            try
            {
                code = COMMENT_OR_STRING.matcher(Files.readString(entry.getKey())).replaceAll(" ");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            final Matcher m = REFERENCE.matcher(code);
            while (m.find())
            {
                final String target = m.group(1);
                if (!target.equals(entry.getValue()) && graph.containsKey(target))
                {
                    graph.get(entry.getValue()).putIfAbsent(target, root.relativize(entry.getKey()));
                }
            }
        }
        return graph;
    }

    /** One line per strongly connected set of packages: a cycle through it, each edge with a file making it. */
    private static List<String> cycles(final Map<String, Map<String, Path>> graph)
    {
        final List<String> found = new ArrayList<>();
        final TreeSet<String> done = new TreeSet<>();
        for (final String start : graph.keySet())
        {
            if (done.contains(start))
            {
                continue;
            }
            final List<String> path = shortestPath(graph, start, start);
            if (path == null)
            {
                continue;
            }
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i + 1 < path.size(); i++)
            {
                line.append(i > 0 ? ", " : "").append(path.get(i)).append(" -> ").append(path.get(i + 1))
                    .append(" (").append(graph.get(path.get(i)).get(path.get(i + 1))).append(')');
                done.add(path.get(i));
            }
            found.add(line.toString());
        }
        return found;
    }

    /** Breadth first from {@code from}'s dependencies back to {@code to}; null if there is no way. */
    private static List<String> shortestPath(final Map<String, Map<String, Path>> graph, final String from,
        final String to)
    {
        final Map<String, String> parent = new HashMap<>();
        final Deque<String> queue = new ArrayDeque<>();
        for (final String next : graph.get(from).keySet())
        {
            parent.putIfAbsent(next, from);
            queue.add(next);
        }
        while (!queue.isEmpty())
        {
            final String at = queue.poll();
            if (at.equals(to))
            {
                final List<String> path = new ArrayList<>();
                String step = to;
                do
                {
                    path.add(0, step);
                    step = parent.get(step);
                }
                while (!step.equals(from));
                path.add(0, from);
                return path;
            }
            for (final String next : graph.get(at).keySet())
            {
                if (parent.putIfAbsent(next, at) == null)
                {
                    queue.add(next);
                }
            }
        }
        return null;
    }
}
