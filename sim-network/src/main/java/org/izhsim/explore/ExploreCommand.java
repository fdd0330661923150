package org.izhsim.explore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.izhsim.core.InputException;
import org.izhsim.service.StopOnSignal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sim explore}: serves the browser explorer on 127.0.0.1 until Ctrl-C.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, versionProvider = org.izhsim.service.VersionText.class,
    sortOptions = false,
    description = {
        "Serve the browser explorer and print its URL, to open in a browser: there, move a, b, c, d and the " +
            "current and watch v(t), I(t) and the phase plane, or start a network and watch its raster live.",
        "Serves on 127.0.0.1 only; Ctrl-C stops it."
    })
public final class ExploreCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "TCP port on 127.0.0.1 (default 8080; 0 for any free one).")
    int port = 8080;

    @Option(names = "--configs", paramLabel = "DIR", description = "Experiment files offered in the network tab (default configs/).")
    Path configs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where network runs write their folders (default out/explore).")
    Path out = Path.of("out", "explore");

    @Override
    public Integer call() throws InterruptedException
    {
        if (port < 0 || port > 65535)
        {
            throw new InputException("--port must be between 0 and 65535, got " + port);
        }
        requireWritableOut(out);
        // A folder given that is not one (a typo, /etc/passwd) offered no config without a word; the default may be
        // missing (the explorer started elsewhere than the project's root).
        if (configs != null && configs.toString().isBlank())
        {
            // An empty --configs offered the working folder's files, while an empty --out is refused.
            throw new InputException("explore --configs is empty: give the folder of experiment files to offer " +
                "(default: configs)");
        }
        if (configs != null && !Files.isDirectory(configs))
        {
            throw new InputException("--configs " + configs + (Files.exists(configs) ? " is not a folder" :
                " does not exist") + ": name the folder of experiment files to offer");
        }
        final ExplorerServer server = ExplorerServer.start(port, configs != null ? configs : Path.of("configs"), out);
        final PrintWriter stdout = spec.commandLine().getOut();
        if (configs == null && !Files.isDirectory(Path.of("configs")))
        {
            // Started outside the project, the network tab listed nothing without a word.
            spec.commandLine().getErr().println("sim: warning: explore: no folder configs/ in " +
                Path.of("").toAbsolutePath() + ": the network tab offers no experiment file; give --configs DIR");
            spec.commandLine().getErr().flush();
        }
        stdout.println("Explorer at " + server.url());
        stdout.println("  network runs are written to " + shown(out) + "; Ctrl-C stops the server");
        stdout.flush();
        final CountDownLatch stopped = new CountDownLatch(1);
        // A second signal, or an exit from elsewhere, still closes the server (a run's folder is then given up).
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "izhsim-explore-shutdown"));
        // The first Ctrl-C (SIGTERM, SIGHUP, SIGUSR1) stops a live run and writes its folder before the process ends.
        // As a shutdown hook this ran beside the JVM's other hooks, one of which deleted the folder being written
        // ("nothing was written") when the signal came after the run's last step.
        try (StopOnSignal signals = new StopOnSignal(() -> new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "izhsim-explore-stop").start()))
        {
            stopped.await();
        }
        return 130; // Main.EXIT_INTERRUPTED, as the JVM's own handler gave
    }

    /**
     * Refuses, before the server starts, an --out that no run could be saved in: a file ({@code /dev/full}), a
     * folder inside one, an earlier run's output folder or one inside it, or one on a read-only file system or
     * without write permission. Otherwise each network
     * run would be simulated in full and fail only when its folder is written. Nothing is created here.
     */
    static void requireWritableOut(final Path out)
    {
        if (out.toString().isBlank())
        {
            // An empty --out was the working folder, announced as "network runs are written to ; ...".
            throw new InputException("explore --out is empty: give a folder for the network runs (default: out/explore)");
        }
        // sim run's check of its --out (OutputDirectory.requireWritable): a folder to be made named with an escape, a
        // tab or a newline was accepted and echoed raw ("network runs are written to e<ESC>[31mred" turned the
        // terminal red). The folders that exist already are the user's, and only echoed escaped (shown).
        if (org.izhsim.core.FileNames.makesControlCharacterNames(out))
        {
            throw new InputException("explore --out '" + shown(out) + "' would make a folder named with control " +
                "characters (a newline, a tab, a terminal escape): give a plain name");
        }
        // sim run's check of its --out: each run would have made its folder at the root (/cortex2003-TIME).
        if (org.izhsim.output.OutputDirectory.isFileSystemRoot(out))
        {
            throw new InputException("explore --out '" + shown(out) + "' is the file-system root" +
                (org.izhsim.output.OutputDirectory.resolvedPath(out).equals(out.toAbsolutePath().normalize()) ? "" :
                " (through a symbolic link)") + ": give a folder for the network runs (default: out/explore)");
        }
        org.izhsim.output.OutputDirectory.requireFileSystemWithRoom(out, "explore --out");
        final Path absolute = out.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing))
        {
            // A symbolic link to nothing on the way: each run was simulated whole and lost at the write.
            final String dangling = org.izhsim.core.FileNames.danglingLink(existing);
            if (dangling != null)
            {
                throw new InputException("explore --out '" + shown(out) + "' cannot be made: " + dangling +
                    ": network runs could not be saved there");
            }
            existing = existing.getParent();
        }
        if (existing == null)
        {
            return;
        }
        if (!Files.isDirectory(existing))
        {
            throw new InputException("explore --out '" + shown(out) + "' " + (existing.equals(absolute) ? "is a file" :
                "is inside '" + shown(existing) + "', which is a file") + ": network runs could not be saved there");
        }
        // sim run's check of a folder inside an earlier output: each run's folder OUT/NAME-TIME would be refused, after
        // the whole run was simulated, when it was written (--out an earlier `sim run` output folder).
        final Path earlier = org.izhsim.output.OutputDirectory.earlierOutputHolding(out);
        if (earlier != null)
        {
            throw new InputException("explore --out '" + shown(out) + "' " + (earlier.equals(
                org.izhsim.output.OutputDirectory.resolvedPath(out)) ? "is" : "is inside '" + shown(earlier) + "',") +
                " the output folder of an earlier run, which holds that run's files only: network runs could not be " +
                "saved there");
        }
        if (!Files.isWritable(existing))
        {
            throw new InputException("explore --out '" + shown(out) + "': '" + shown(existing) + "' cannot be " +
                "written (a read-only file system or no permission): network runs could not be saved there");
        }
    }

    /**
     * @return {@code path} as the messages echo it: its control characters written as backslash-u escapes
     *         ({@link InputException#escaped}, as the CLI's error lines are), a tab too, so that an existing folder
     *         named with a terminal escape cannot drive the terminal.
     */
    static String shown(final Path path)
    {
        return InputException.escaped(path.toString(), false);
    }
}
