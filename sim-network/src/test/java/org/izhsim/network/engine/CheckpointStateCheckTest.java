package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.UnaryOperator;

import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
import org.izhsim.core.InputException;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.SpikeDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints whose checksums match but whose state no run saves (a non-finite input ring or receptor state,
 * plastic weights outside their rule's bounds, a negative dopamine level) are refused as bad input; one saved at
 * the last step a run can reach is read; the files a save must not replace are refused as what they are.
 */
class CheckpointStateCheckTest
{
    @TempDir
    Path tmp;

    private static NetworkPlan plan(final String config)
    {
        return NetworkAssembler.plan(ExperimentLoader.load(Path.of("..", "configs", config)));
    }

    /** The state of {@code plan}'s network after 30 steps, changed by {@code change}, written to a file. */
    private Path saved(final NetworkPlan plan, final UnaryOperator<Checkpoint.Saved> change) throws IOException
    {
        final Path file = tmp.resolve("state.ckpt");
        try (Network network = Network.build(plan); OutputStream out = Files.newOutputStream(file))
        {
            network.run(30);
            Checkpoint.write(network.checkpointDescription(), change.apply(Checkpoint.image(network)), out);
        }
        return file;
    }

    private static String refusal(final NetworkPlan plan, final Path file)
    {
        try (Network network = Network.build(plan))
        {
            final String message = assertThrows(InputException.class, () -> network.restoreState(file)).getMessage();
            assertEquals(0, network.currentStep(), "a refused checkpoint changes nothing");
            return message;
        }
    }

    /**
     * A spike in flight of a neuron the network lacks (5000 of 1000, checksums made to match) was refused as "not
     * ascending neuron ids": true, but not what was wrong. It names the neuron and the network's size.
     */
    @Test
    void aSpikeInFlightOfANeuronTheNetworkLacksIsRefusedNamingIt() throws IOException
    {
        final NetworkPlan cortex = plan("cortex2003.yaml");
        final Path file = saved(cortex, s ->
        {
            final int[] last = s.firedBefore()[0];
            final int[] ids = java.util.Arrays.copyOf(last, last.length + 1);
            ids[last.length] = 5000;
            s.firedBefore()[0] = ids;
            return s;
        });
        assertEquals("checkpoint " + file + " is corrupt: a spike in flight is of neuron 5000, which this network of " +
            "1000 neurons lacks", refusal(cortex, file));
    }

    /** NaN in the arrival ring or the receptor state was accepted, and the run blew up later (exit 3). */
    @Test
    void aCheckpointHoldingANonFiniteInputRingOrReceptorStateIsRefused() throws IOException
    {
        final NetworkPlan ring = CheckpointTest.network("delayed", 1, SpikeDelivery.ARRIVAL_RING).plan();
        final Path arrivals = saved(ring, s ->
        {
            s.arrivals()[2][5] = Float.NaN;
            return s;
        });
        assertEquals("checkpoint " + arrivals + " is corrupt: its arriving input 5 is NaN, which no run saves",
            refusal(ring, arrivals));

        final NetworkPlan stp = plan("stp_demo.yaml");
        final Path receptors = saved(stp, s ->
        {
            s.receptors()[0][3] = Float.POSITIVE_INFINITY;
            return s;
        });
        assertEquals("checkpoint " + receptors + " is corrupt: its receptor state value 3 is Infinity, which no run " +
            "saves", refusal(stp, receptors));
    }

    /**
     * A file of format 5 or 6 names the rule it ran under, which keeps the weights in [w_min, w_max] (and the plan
     * starts them there): a weight outside was taken as it was. A dopamine level is never negative.
     */
    @Test
    void aCheckpointWithAWeightOutsideItsRuleOrANegativeDopamineLevelIsRefused() throws IOException
    {
        final NetworkPlan plan = plan("dastdp2007.yaml");
        final float wMax = (float)plan.plasticity().wMax();
        final Path weight = saved(plan, s ->
        {
            s.weights()[11] = wMax * 2;
            return s;
        });
        assertEquals("checkpoint " + weight + " is corrupt: its plastic weight 11 is " + wMax * 2 + ", outside the " +
            "rule's [w_min, w_max] = [" + (float)plan.plasticity().wMin() + ", " + wMax + "], which no run leaves",
            refusal(plan, weight));

        final Path dopamine = saved(plan, s -> new Checkpoint.Saved(s.step(), s.v(), s.u(), s.firedBefore(),
            s.arrivals(), s.receptors(), s.weights(), s.derivatives(), s.ltp(), s.ltd(),
            new Dopamine.State(-0.25, s.dopamine().lastPre(), s.dopamine().pending())));
        assertEquals("checkpoint " + dopamine + " is corrupt: its dopamine level is -0.25, below 0: it holds a state " +
            "no run saves (a level is a sum of decaying rewards)", refusal(plan, dopamine), "a negative level is refused");
    }

    /**
     * Pending rewards a run cannot leave: one due before the saved step (it would be pending for good), more than
     * one a step over delay_max + 1 steps, or one due beyond delay_max in a file that names this rule. One more than
     * the room of the rule's pending array ended the resumed run with an IllegalArgumentException.
     */
    @Test
    void aCheckpointWithPendingRewardsNoRunUnderItsRuleLeavesIsRefused() throws IOException
    {
        final NetworkPlan plan = plan("dastdp2007.yaml");
        final Path beyond = saved(plan, s -> withPending(s, new long[] {s.step() + 3001}));
        assertEquals("checkpoint " + beyond + " is corrupt: 1 pending rewards, due up to step 3031, which no run saves " +
            "at step 30 with reward delay_max_ms 3000", refusal(plan, beyond));
        final long[] many = new long[3002];
        java.util.Arrays.setAll(many, k -> 31 + k % 3000);
        final Path crowded = saved(plan, s -> withPending(s, many));
        assertTrue(refusal(plan, crowded).startsWith("checkpoint " + crowded + " is corrupt: 3002 pending rewards"));
    }

    /**
     * A pending reward due before the saved step was said to be "due at step 29, not within 100000 steps from the
     * checkpoint's step 30": it is within, in the past, where a run leaves none (it delivers each in its due step).
     */
    @Test
    void aPendingRewardDueBeforeTheSavedStepIsSaidToBeInThePast() throws IOException
    {
        final NetworkPlan plan = plan("dastdp2007.yaml");
        final Path past = saved(plan, s -> withPending(s, new long[] {s.step() + 5, s.step() - 1}));
        assertEquals("checkpoint " + past + " is corrupt: a pending reward is due at step 29, before the checkpoint's " +
            "step 30, which no run saves (a run delivers each reward in its due step)", refusal(plan, past));
        final Path far = saved(plan, s -> withPending(s, new long[] {s.step() + 100_001}));
        assertEquals("checkpoint " + far + " is corrupt: a pending reward is due at step 100031, more than 100000 " +
            "steps after the checkpoint's step 30, which no run schedules", refusal(plan, far));
    }

    /**
     * A file of format 5 or 6 whose header names the plasticity rule's terms without a rule (an empty string) was
     * said to be "made with plasticity rule null".
     */
    @Test
    void aCheckpointWhoseRuleTermsNameNoRuleIsRefusedWithoutNull() throws IOException
    {
        final NetworkPlan plan = plan("spnet2006.yaml");
        final Path file = tmp.resolve("norule.ckpt");
        try (Network network = Network.build(plan); OutputStream out = Files.newOutputStream(file))
        {
            network.run(30);
            final Checkpoint.Description d = network.checkpointDescription();
            Checkpoint.write(new Checkpoint.Description(d.seed(), d.populationNames(), d.populationSizes(),
                d.neurons(), d.synapses(), d.maxDelay(), d.delivery(), d.scheme(), d.neuronFingerprint(),
                d.synapseFingerprint(), java.util.List.of(""), d.noiseSeed(), d.sourceFingerprints(),
                d.populationNeuronFingerprints()), Checkpoint.image(network), out);
        }
        final String expected = "checkpoint " + file + " is corrupt: its header's plasticity terms name no rule";
        assertEquals(expected, refusal(plan, file));
        assertEquals(expected, assertThrows(InputException.class, () -> Network.checkStateHeader(file, plan))
            .getMessage(), "the check before the build says the same");
    }

    private static Checkpoint.Saved withPending(final Checkpoint.Saved s, final long[] pending)
    {
        return new Checkpoint.Saved(s.step(), s.v(), s.u(), s.firedBefore(), s.arrivals(), s.receptors(), s.weights(),
            s.derivatives(), s.ltp(), s.ltd(), new Dopamine.State(s.dopamine().level(), s.dopamine().lastPre(), pending));
    }

    /**
     * A file damaged after it was written (a flipped bit, no checksum recomputed) was refused as a state no run
     * saves ("its v 3 is NaN, which no run saves"; a weight "outside the rule's [w_min, w_max]") because the values
     * were checked before the final checksum: damage reads as damage.
     */
    @Test
    void aDamagedStateIsRefusedForItsChecksumBeforeItsValuesAreJudged() throws IOException
    {
        final NetworkPlan plan = plan("dastdp2007.yaml");
        final Path file = saved(plan, s -> s);
        final byte[] clean = Files.readAllBytes(file);
        final Path nan = damaged(clean, "NEUR", 12 + 4 * 3, Float.NaN);
        assertEquals("checkpoint " + nan + " is corrupt: its checksum does not match", refusal(plan, nan));
        final Path weight = damaged(clean, "PLAS", 12 + 4 + 4 * 11, 1e6f);
        assertEquals("checkpoint " + weight + " is corrupt: its checksum does not match", refusal(plan, weight));
    }

    /** {@code bytes} with the float at {@code offset} from section {@code tag}'s start set to {@code value}. */
    private Path damaged(final byte[] bytes, final String tag, final int offset, final float value) throws IOException
    {
        final byte[] copy = bytes.clone();
        final byte[] name = tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; at < 0 && i + 4 <= copy.length; i++)
        {
            at = java.util.Arrays.equals(copy, i, i + 4, name, 0, 4) ? i : -1;
        }
        assertTrue(at >= 0, "the file has a section " + tag);
        ByteBuffer.wrap(copy).putFloat(at + offset, value);
        final Path file = tmp.resolve("damaged-" + tag + ".ckpt");
        Files.write(file, copy);
        return file;
    }

    /**
     * Finite values that no run saves, in files whose checksums match, were taken and run: a negative conductance
     * (g_AMPA -5 fired 749 spikes instead of 702), STP u or x outside [0, 1] or a negative spike factor, a negative
     * LTP or LTD trace, a last reward-pre spike at or after the saved step, a v above the 30 mV cutoff (which blew
     * up at the first step, exit 3, blaming the input). The states real runs save are read (see
     * {@link #theStatesRealRunsSaveAreRead}).
     */
    @Test
    void aCheckpointHoldingFiniteValuesNoRunSavesIsRefused() throws IOException
    {
        final NetworkPlan cond = plan("cortex2003_cond.yaml");
        final Path g = saved(cond, s ->
        {
            s.receptors()[0][0] = -5f;
            return s;
        });
        assertEquals("checkpoint " + g + " is corrupt: its g_AMPA 0 is -5.0, below 0.0: it holds a state no run saves",
            refusal(cond, g));
        final Path v = saved(cond, s ->
        {
            s.v()[7] = 1e30f;
            return s;
        });
        assertEquals("checkpoint " + v + " is corrupt: its v 7 is 1.0E30, above 30.0 (the spike cutoff, which every " +
            "step's reset leaves below): it holds a state no run saves", refusal(cond, v));

        final NetworkPlan stp = plan("stp_demo.yaml");
        final int uIndex = stpIndex(stp);
        for (final float[] forged : new float[][] {{0, -5f}, {1, 1.5f}, {2, -1f}})
        {
            final Path file = saved(stp, s ->
            {
                s.receptors()[uIndex + (int)forged[0]][0] = forged[1];
                return s;
            });
            final String what = new String[] {"u", "x", "spike factor (slot 0)"}[(int)forged[0]];
            assertTrue(refusal(stp, file).matches("checkpoint .* is corrupt: its STP projection 0's " +
                java.util.regex.Pattern.quote(what) + " 0 is " + forged[1] + ", outside \\[0\\.0, [0-9.]+\\]: it " +
                "holds a state no run saves"), refusal(stp, file));
        }

        final NetworkPlan dastdp = plan("dastdp2007.yaml");
        final Path ltp = saved(dastdp, s ->
        {
            s.ltp()[1][4] = -1e30f;
            return s;
        });
        assertEquals("checkpoint " + ltp + " is corrupt: its LTP trace 4 is -1.0E30, below 0.0: it holds a state no run " +
            "saves", refusal(dastdp, ltp));
        final Path ltd = saved(dastdp, s ->
        {
            s.ltd()[2] = -1f;
            return s;
        });
        assertEquals("checkpoint " + ltd + " is corrupt: its LTD trace 2 is -1.0, below 0.0: it holds a state no run " +
            "saves", refusal(dastdp, ltd));
        final Path pre = saved(dastdp, s -> new Checkpoint.Saved(s.step(), s.v(), s.u(), s.firedBefore(),
            s.arrivals(), s.receptors(), s.weights(), s.derivatives(), s.ltp(), s.ltd(),
            new Dopamine.State(s.dopamine().level(), 1_000_000_000_000L, s.dopamine().pending())));
        assertEquals("checkpoint " + pre + " is corrupt: its reward's last pre spike is at step 1000000000000, not " +
            "before the checkpoint's step 30: it holds a state no run saves", refusal(dastdp, pre));
    }

    /** The index in the receptor state of the first STP projection's u (after the currents and conductances). */
    private static int stpIndex(final NetworkPlan plan)
    {
        try (Network network = Network.build(plan))
        {
            final java.util.List<String> names = network.receptors().stateNames();
            return names.indexOf("STP projection 0's u");
        }
    }

    /**
     * The states that real runs of every shipped config but the two largest save, after an odd number of steps and
     * after a second run resumed from the first, are read: the value checks refuse none of them.
     */
    @Test
    void theStatesRealRunsSaveAreRead() throws IOException
    {
        for (final String config : new String[] {"cortex2003.yaml", "cortex2003_cond.yaml", "dastdp2007.yaml",
            "sparse10k.yaml", "spnet2006.yaml", "stp_demo.yaml"})
        {
            final NetworkPlan plan = plan(config);
            final Path file = tmp.resolve(config + ".ckpt");
            try (Network network = Network.build(plan))
            {
                network.run(257);
                network.saveState(file);
            }
            try (Network network = Network.build(plan))
            {
                network.restoreState(file);
                network.run(300);
                network.saveState(file);
            }
            try (Network network = Network.build(plan))
            {
                network.restoreState(file);
                assertEquals(557, network.currentStep(), config);
            }
        }
    }

    /** A run may end at step 2^31 - 1, and save its state there: the file was called corrupt ("step 2147483647"). */
    @Test
    void aCheckpointAtTheLastStepARunCanReachIsRead() throws IOException
    {
        final NetworkPlan plan = CheckpointTest.network("delayed", 1, SpikeDelivery.DELAY_ROWS).plan();
        final Path file = saved(plan, s -> new Checkpoint.Saved(Integer.MAX_VALUE, s.v(), s.u(), s.firedBefore(),
            s.arrivals(), s.receptors(), s.weights(), s.derivatives(), s.ltp(), s.ltd(), s.dopamine()));
        try (Network network = Network.build(plan))
        {
            network.restoreState(file);
            assertEquals(Integer.MAX_VALUE, network.currentStep());
        }
        final Path beyond = saved(plan, s -> new Checkpoint.Saved(Integer.MAX_VALUE + 1L, s.v(), s.u(),
            s.firedBefore(), s.arrivals(), s.receptors(), s.weights(), s.derivatives(), s.ltp(), s.ltd(), s.dopamine()));
        assertEquals("checkpoint " + beyond + " is corrupt: step 2147483648", refusal(plan, beyond));
    }

    /**
     * A version-1 file (no receptor section) resumed by a network with a receptor stage said "has format version 1;
     * this izhsim reads versions 1 to 6", which it had just not read.
     */
    @Test
    void aVersionOneFileForANetworkWithReceptorsSaysItCannotHoldTheirState() throws IOException
    {
        final NetworkPlan plan = plan("stp_demo.yaml");
        final Path file = saved(plan, s -> s);
        final byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(8, 1);
        Files.write(file, bytes);
        final String expected = "checkpoint " + file + " has format version 1, which cannot hold receptor state " +
            "(conductances, short-term plasticity), and this network has synapses that keep it: it was made for " +
            "another network";
        assertEquals(expected, refusal(plan, file));
        assertEquals(expected, assertThrows(InputException.class, () -> Network.checkStateHeader(file, plan))
            .getMessage(), "the check before the build says the same");
    }

    /** An existing file that cannot be read was called "the file exists and is not an izhsim checkpoint". */
    @Test
    void anExistingSaveTargetThatCannotBeReadIsSaidToBeUnreadable()
    {
        // Regular, and unreadable even for root (reading a process's memory at address 0 fails).
        final Path unreadable = Path.of("/proc/self/mem");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(unreadable), "needs Linux's /proc");
        assertEquals("--save-state " + unreadable + ": the file exists and cannot be read (Input/output error), so " +
            "it is not known to be an izhsim checkpoint and is left alone (choose another name, or make it readable)",
            assertThrows(InputException.class, () -> Network.checkStateTarget(unreadable, "--save-state"))
                .getMessage());
    }

    /**
     * In a sticky folder (/tmp, chmod 1777) only a file's owner may rename over it: another user's checkpoint there
     * failed with "Operation not permitted" after the whole run. This process stands in a user other than the
     * file's (root here, which may rename anything).
     */
    @Test
    void anotherUsersCheckpointInAStickyFolderIsRefusedBeforeTheRun() throws IOException
    {
        final Path folder = Files.createDirectory(tmp.resolve("shared"));
        final Path file = folder.resolve("theirs.ckpt");
        final NetworkPlan plan = CheckpointTest.network("delayed", 1, SpikeDelivery.DELAY_ROWS).plan();
        try (Network network = Network.build(plan))
        {
            network.saveState(file);
        }
        Files.setAttribute(folder, "unix:mode", 01777);
        final java.util.function.ToIntFunction<Path> real = Checkpoint.ownerOfNewFile;
        final int owner = (Integer)Files.getAttribute(file, "unix:uid");
        Checkpoint.ownerOfNewFile = probe -> owner + 4242;
        try
        {
            final String message = assertThrows(InputException.class,
                () -> Network.checkStateTarget(file, "--save-state")).getMessage();
            assertEquals("--save-state " + file + ": the file belongs to another user (" +
                Files.getOwner(file).getName() + ") in a folder where only a file's owner may replace it (its sticky " +
                "bit, as /tmp's): choose another name", message);
            // Not sticky: the folder's write permission is enough.
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
            Network.checkStateTarget(file, "--save-state");
        }
        finally
        {
            Checkpoint.ownerOfNewFile = real;
        }
    }
}
