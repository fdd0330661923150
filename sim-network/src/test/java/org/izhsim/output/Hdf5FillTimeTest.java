package org.izhsim.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.izhsim.network.PopulationRange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spikes.h5 can be copied by the HDF5 library with new storage properties: {@code h5repack -f GZIP=6} failed on every
 * file izhsim wrote ("fill value writing on allocation set, but no fill value defined", jHDF's fill value message).
 */
class Hdf5FillTimeTest
{
    @Test
    void lookup3MatchesJenkinsPublishedValues()
    {
        // lookup3.c (Jenkins 2006), driver5: hashlittle("", 0, 0), and of "Four score and seven years ago" with 0 and 1.
        assertEquals(0xdeadbeef, Hdf5FillTime.Lookup3.hash(new byte[0], 0, 0, 0));
        final byte[] four = "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Hdf5FillTime.Lookup3.hash(four, 0, four.length, 0));
        assertEquals(0xcd628161, Hdf5FillTime.Lookup3.hash(four, 0, four.length, 1));
    }

    @Test
    void everyDatasetOfAJhdfFileIsRepairedOnceAndItsDataKept(@TempDir final Path dir) throws IOException
    {
        final Path file = jhdfFile(dir.resolve("raw.h5"));
        final byte[] before = Files.readAllBytes(file);
        assertEquals(3, Hdf5FillTime.repair(file), "three datasets in two groups");
        assertEquals(0, Hdf5FillTime.repair(file), "nothing left to repair");
        final byte[] after = Files.readAllBytes(file);
        assertEquals(before.length, after.length);
        int differing = 0;
        for (int k = 0; k < before.length; k++)
        {
            differing += before[k] != after[k] ? 1 : 0;
        }
        assertTrue(differing >= 3 && differing <= 3 * 5, "a flag byte and a checksum per dataset: " + differing);
        try (HdfFile hdf = new HdfFile(file))
        {
            assertArrayEquals(new double[] {1, 2, 3}, (double[])hdf.getDatasetByPath("/a/x").getData());
            assertArrayEquals(new int[] {4, 5}, (int[])hdf.getDatasetByPath("/a/b/y").getData());
            assertArrayEquals(new double[] {6}, (double[])hdf.getDatasetByPath("/z").getData());
        }
    }

    @Test
    void aHeaderWhoseChecksumDoesNotMatchIsLeftAlone(@TempDir final Path dir) throws IOException
    {
        final Path file = jhdfFile(dir.resolve("raw.h5"));
        final byte[] bytes = Files.readAllBytes(file);
        // The last object header written (the dataset z): flip a byte of its last checksum word's neighbour.
        final int last = lastIndexOf(bytes, "OHDR".getBytes(StandardCharsets.US_ASCII));
        assertTrue(last > 0);
        bytes[last + 7] ^= 0x40;
        Files.write(file, bytes);
        assertEquals(2, Hdf5FillTime.repair(file), "the damaged header is not rewritten");
        final byte[] after = Files.readAllBytes(file);
        assertEquals(bytes[last + 7], after[last + 7]);
    }

    @Test
    void spikesH5IsCopiedByH5repackWithCompression(@TempDir final Path dir) throws Exception
    {
        final Path spikes = dir.resolve("spikes.h5");
        final int[] steps = {0, 1, 5, 9};
        final int[] ids = {0, 3, 1, 2};
        SonataSpikes.write(spikes, SpikeList.ofSteps(steps, ids, steps.length),
            List.of(new PopulationRange("exc", 0, 2), new PopulationRange("inh", 2, 2)));
        final Path raw = jhdfFile(dir.resolve("raw.h5"));
        final Result unrepaired = run("h5repack", "-f", "GZIP=6", raw.toString(), dir.resolve("raw-gz.h5").toString());
        Assumptions.assumeTrue(unrepaired != null, "h5repack not found (Debian: apt-get install hdf5-tools)");
        assertNotEquals(0, unrepaired.exit, "jHDF's own file is refused (the defect this repairs): " + unrepaired.out);

        final Path packed = dir.resolve("spikes-gz.h5");
        final Result repack = run("h5repack", "-f", "GZIP=6", spikes.toString(), packed.toString());
        assertEquals(0, repack.exit, repack.out);
        final Result header = run("h5dump", "-p", "-H", packed.toString());
        assertTrue(header.out.contains("DEFLATE"), header.out);
        assertTrue(run("h5dump", "-p", "-H", spikes.toString()).out.contains("H5D_FILL_TIME_IFSET"));
        for (final String dataset : List.of("/spikes/exc/timestamps", "/spikes/exc/node_ids", "/spikes/inh/node_ids"))
        {
            assertEquals(run("h5dump", "-d", dataset, "-y", "-w", "0", "-o", dir.resolve("a.txt").toString(),
                    spikes.toString()).exit, 0);
            assertEquals(run("h5dump", "-d", dataset, "-y", "-w", "0", "-o", dir.resolve("b.txt").toString(),
                    packed.toString()).exit, 0);
            assertEquals(Files.readString(dir.resolve("a.txt")), Files.readString(dir.resolve("b.txt")), dataset);
        }
    }

    /** A file as jHDF writes it, not repaired: datasets at two depths. */
    private static Path jhdfFile(final Path file)
    {
        try (WritableHdfFile hdf = HdfFile.write(file))
        {
            final WritableGroup a = hdf.putGroup("a");
            a.putDataset("x", new double[] {1, 2, 3});
            a.putGroup("b").putDataset("y", new int[] {4, 5});
            hdf.putDataset("z", new double[] {6});
        }
        return file;
    }

    private static int lastIndexOf(final byte[] bytes, final byte[] what)
    {
        for (int k = bytes.length - what.length; k >= 0; k--)
        {
            int j = 0;
            while (j < what.length && bytes[k + j] == what[j])
            {
                j++;
            }
            if (j == what.length)
            {
                return k;
            }
        }
        return -1;
    }

    private record Result(int exit, String out)
    {
    }

    /** A tool's exit and output, or null when it is not installed. */
    private static Result run(final String... command) throws IOException, InterruptedException
    {
        final Process process;
        try
        {
            process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        }
        catch (final IOException notInstalled)
        {
            return null;
        }
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out);
    }
}
