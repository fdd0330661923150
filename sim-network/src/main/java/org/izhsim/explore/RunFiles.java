package org.izhsim.explore;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.izhsim.output.OutputDirectory;

/**
 * GET /files/FOLDER/FILE: the output files of finished runs under the explorer's output root. Only two plain
 * name segments are accepted (no "..", no separators, no hidden files), the resolved file must still lie under
 * the root, and it must be one that a run wrote there ({@link OutputDirectory#wrote}: listed in the folder's
 * marker, neither it nor its folder a link), so nothing else on the disk can be read: a link {@code out/etclink ->
 * /etc} served /etc/hostname.
 */
final class RunFiles
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private final Path root;

    RunFiles(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
    }

    /** @return the file names of a run folder, sorted; empty if it does not exist. */
    static List<String> listing(final Path folder)
    {
        final List<String> names = new ArrayList<>();
        if (Files.isDirectory(folder))
        {
            try (Stream<Path> files = Files.list(folder))
            {
                // Hidden files (the output marker) are the program's bookkeeping, not results; serve() refuses them too.
                files.filter(file -> Files.isRegularFile(file) && !file.getFileName().toString().startsWith("."))
                    .forEach(file -> names.add(file.getFileName().toString()));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        names.sort(null);
        return names;
    }

    void serve(final HttpExchange exchange, final String rest) throws IOException
    {
        final String[] parts = rest.split("/", -1);
        if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches() ||
            parts[0].contains("..") || parts[1].contains(".."))
        {
            throw new ApiException(404, "no such run file: /files/" + rest);
        }
        final Path file = root.resolve(parts[0]).resolve(parts[1]).normalize();
        if (!file.startsWith(root) || !OutputDirectory.wrote(root.resolve(parts[0]), parts[1]))
        {
            throw new ApiException(404, "no such run file: /files/" + rest);
        }
        exchange.getResponseHeaders().set("Content-Type", contentType(parts[1]));
        exchange.sendResponseHeaders(200, Files.size(file));
        if ("HEAD".equals(exchange.getRequestMethod()))
        {
            return; // its head only: a spikes.csv of a GB is not read to be dropped
        }
        try (OutputStream out = exchange.getResponseBody())
        {
            Files.copy(file, out);
        }
    }

    static String contentType(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png"))
        {
            return "image/png";
        }
        if (lower.endsWith(".svg"))
        {
            return "image/svg+xml";
        }
        if (lower.endsWith(".json"))
        {
            return "application/json";
        }
        if (lower.endsWith(".csv"))
        {
            return "text/csv; charset=utf-8";
        }
        if (lower.endsWith(".html"))
        {
            return "text/html; charset=utf-8";
        }
        if (lower.endsWith(".js"))
        {
            return "text/javascript; charset=utf-8";
        }
        if (lower.endsWith(".css"))
        {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
