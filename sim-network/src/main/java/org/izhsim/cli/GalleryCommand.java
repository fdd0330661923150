package org.izhsim.cli;

import org.izhsim.service.StopOnSignal;
import org.izhsim.core.preset.Preset;
import org.izhsim.core.preset.PresetGroup;
import org.izhsim.core.preset.Presets;
import org.izhsim.core.run.RunResult;
import org.izhsim.core.run.SingleNeuronRun;
import org.izhsim.output.GalleryFigure;
import org.izhsim.output.OutputDirectory;
import org.izhsim.output.SpikeTimesCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * {@code sim gallery}: the 20 neuro-computational features of Izhikevich (2004), Fig. 1, each run with its
 * published protocol and drawn as one 5 x 4 figure, with each feature's spikes in its own folder.
 */
@Command(name = "gallery", mixinStandardHelpOptions = true, versionProvider = org.izhsim.service.VersionText.class,
    sortOptions = false,
    description = "Render the 20 features of Izhikevich (2004) Fig. 1 as features.png and features.svg, with each " +
        "feature's spike times in <feature>/spikes.csv.")
final class GalleryCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/gallery",
        description = "Output folder (default: ${DEFAULT-VALUE}): a new or empty folder, or one written earlier " +
            "by this command that holds nothing else (then replaced).")
    Path out;

    /** Tests only: called before each feature runs with its index (a signal raised there is one mid-run), else null. */
    static volatile IntConsumer beforeFeature;

    @Override
    public Integer call()
    {
        final String noFonts = org.izhsim.output.plot.TextMetrics.missingFonts();
        if (noFonts != null)
        {
            // The figure is what the gallery is for: refused before anything runs or is written (it ended with a
            // stack trace after the features had run).
            throw new org.izhsim.core.InputException("cannot draw the gallery: " + noFonts + "; " +
                org.izhsim.output.plot.TextMetrics.INSTALL_FONTS);
        }
        final List<Preset> features = Presets.group(PresetGroup.IZHIKEVICH_2004_FIG1);
        final GalleryFigure figure = new GalleryFigure(
            "Izhikevich (2004) Fig. 1: the 20 neuro-computational features of the simple model", 5, 4);
        int spikes = 0;
        final AtomicBoolean stop = new AtomicBoolean();
        // Ctrl-C or SIGTERM while the features run gives them up with one line (the JVM's own handler ended the
        // process without a word); a second one, or one while the figure is written, does what it does without us.
        // As sim run and sim neuron say it (a gallery replaced an earlier one without a word).
        OutputDirectory.requireUsable(out, java.util.List.of(), "sim gallery");
        RunCommand.warnOfReplacedOutputs(spec.commandLine().getErr(), out);
        try (OutputDirectory dir = OutputDirectory.create(out, java.util.List.of(), "sim gallery");
            StopOnSignal signals = new StopOnSignal(() -> stop.set(true)))
        {
            try
            {
                int done = 0;
                for (final Preset feature : features)
                {
                    if (stop.get())
                    {
                        spec.commandLine().getErr().println("sim: interrupted after " + done + " of " +
                            features.size() + " features; nothing was written (" + out + " is as it was)");
                        spec.commandLine().getErr().flush();
                        return Main.EXIT_INTERRUPTED;
                    }
                    final IntConsumer hook = beforeFeature;
                    if (hook != null)
                    {
                        hook.accept(done);
                    }
                    done++;
                    final RunResult result = SingleNeuronRun.run(feature.runSpec());
                    figure.add(feature.title(), result.t(), result.v(), result.i());
                    final Path folder = dir.resolve(feature.name());
                    // Not createDirectories: the staging folder, deleted by the exit (a second Ctrl-C), was made
                    // again with a feature's spikes.csv in it and left behind.
                    Files.createDirectory(folder);
                    SpikeTimesCsv.write(folder.resolve("spikes.csv"), result.spikeTimes(), result.spikeCount());
                    spikes += result.spikeCount();
                }
                signals.runEnded("sim: the features have run and the figure is being written; a second signal (Ctrl-C) " +
                    "abandons it");
                figure.writePng(dir.resolve("features.png"));
                figure.writeSvg(dir.resolve("features.svg"));
                dir.commit();
            }
            catch (final IOException | UncheckedIOException ex)
            {
                // A full disk or a removed folder: one line naming --out; close() deletes the unfinished folder.
                throw dir.failed(ex);
            }
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%d features, %d spikes: %s%n", features.size(), spikes,
            org.izhsim.core.InputException.escaped(out.resolve("features.png").toString(), false));
        return 0;
    }
}
