package org.izhsim.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.izhsim.core.InputFile;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A file an experiment names for data it reads (a projection's {@code connections}, a source population's {@code
 * spike_times_ms}): a path from the experiment file's folder, or from the working folder when typed on the command
 * line ({@code --set ...=out/x}, the shell's); never from an experiment sent as text (the explorer's uploads), which
 * would read the server's files.
 *
 * @param file  the path, absolute and normalised when the experiment has a folder.
 * @param path  as found from the working folder (the config's text is relative to its own): the label messages,
 *              provenance and the output folder's check use.
 * @param name  {@code path} with control characters escaped, for messages.
 * @param shown the path as written, quoted and escaped.
 */
record NamedFile(Path file, String path, String name, String shown)
{
    /**
     * @param key     the key that names it, for messages ("connections").
     * @param context where the key is, for messages ("projection 'exc->inh'").
     */
    static NamedFile resolve(final YamlDocument document, final Node fileNode, final String written,
        final Path baseDirectory, final String key, final String context)
    {
        if (baseDirectory == null)
        {
            throw document.error(fileNode, "'" + key + "' of " + context + " reads a file, which an experiment sent as " +
                "text cannot name (the explorer's uploads): run it with sim run");
        }
        final String shown = YamlDocument.quoted(StimulusLoader.escaped(written));
        final Path file;
        try
        {
            file = (YamlDocument.fromCommandLine(fileNode) ? Path.of("").toAbsolutePath() : baseDirectory)
                .resolve(written).normalize();
        }
        catch (final InvalidPathException ex)
        {
            throw document.error(fileNode, "'" + key + "' " + shown + " is not a valid path (" + ex.getReason() + ")");
        }
        final Path cwd = Path.of("").toAbsolutePath();
        final String relative = (file.isAbsolute() && file.startsWith(cwd) ? cwd.relativize(file) : file).toString();
        final String path = relative.isEmpty() ? "." : relative;
        return new NamedFile(file, path, StimulusLoader.escaped(path), shown);
    }

    /** Refuses, at {@code fileNode}, a file that is missing or cannot be read. */
    void requireReadable(final YamlDocument document, final Node fileNode, final String key)
    {
        final String unreadable = InputFile.problem(file);
        if (unreadable != null)
        {
            throw document.error(fileNode, "'" + key + "' " + shown + (unreadable.equals("no such file") ?
                " not found (looked for " + StimulusLoader.escaped(file.toString()) + ")" : ": " + unreadable));
        }
    }
}
