package org.izhsim.network.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * Where two threads meet every step, what one writes must not share a 64-byte cache line with what another
 * reads or writes: the layouts that promise it, checked (JOL for a class's field offsets, as Agrona does).
 */
class SharedLinesLayoutTest
{
    private static final int LINE = 64;

    /** The step barrier's sequences, the slice claims and the event counters: a long alone on its lines. */
    @Test
    void aPaddedSequencesValueHasACacheLineOfItsOwnObjectOnEachSide()
    {
        final ClassLayout layout = ClassLayout.parseClass(PaddedSequence.class);
        FieldLayout value = null;
        for (final FieldLayout field : layout.fields())
        {
            if (field.name().equals("value"))
            {
                value = field;
            }
        }
        assertTrue(value != null, layout.toPrintable());
        assertTrue(value.offset() >= LINE, "bytes of the object before the value\n" + layout.toPrintable());
        assertTrue(layout.instanceSize() - (value.offset() + value.size()) >= LINE,
            "bytes of the object after the value\n" + layout.toPrintable());
    }

    /**
     * Every worker writes its spike count of each step into the ring, and every worker reads all counts: each
     * worker's counts are an array of their own with 64 bytes of padding inside it on each side, so no other
     * worker's count, nor any other object, is on their lines.
     */
    @Test
    void eachWorkersSpikeCountsSitInTheirOwnPaddedArray() throws ReflectiveOperationException
    {
        final int maxDelay = 20;
        final int workers = 3;
        final SpikeRing ring = new SpikeRing(maxDelay, 300, new int[] {0, 100, 200}, new int[][] {{0, 300}}, 0);
        final Field field = SpikeRing.class.getDeclaredField("count");
        field.setAccessible(true);
        final int[][] count = (int[][])field.get(ring);
        assertEquals(workers, count.length, "one array per worker");
        for (int w = 0; w < workers; w++)
        {
            for (int v = w + 1; v < workers; v++)
            {
                assertNotSame(count[w], count[v]);
            }
            // The counts occupy [pad, pad + slots): at least a line of the array on each side.
            final int slots = maxDelay + 1;
            assertTrue(SpikeRing.COUNT_PAD * Integer.BYTES >= LINE, "padding before");
            assertTrue((count[w].length - SpikeRing.COUNT_PAD - slots) * Integer.BYTES >= LINE, "padding after");
            for (int slot = 0; slot < slots; slot++)
            {
                ring.setCount(slot, w, 1000 * w + slot);
            }
        }
        for (int w = 0; w < workers; w++)
        {
            for (int slot = 0; slot <= maxDelay; slot++)
            {
                assertEquals(1000 * w + slot, ring.count(slot, w));
                assertEquals(1000 * w + slot, count[w][SpikeRing.COUNT_PAD + slot], "stored between the pads");
            }
        }
    }

    /**
     * A pipelined network's two threads poll each other's progress every step, and the dynamics thread writes its
     * step counters every step: every field one thread writes and the other polls is a {@link PaddedSequence}, whose
     * value has its lines to itself (above), and so are the step counters (as plain longs they shared the pipeline
     * object's line of references, which the plasticity thread reads as it waits: a review's JOL layout).
     */
    @Test
    void thePipelinesFieldsPolledAcrossThreadsArePaddedSequences() throws ReflectiveOperationException
    {
        for (final String name : new String[] {"handedOver", "plasticDone", "skipTo", "updateReady", "dynamicsUpdated",
            "plasticUpdated", "alone", "lastStep", "pipelinedSteps", "aloneSteps"})
        {
            assertEquals(PaddedSequence.class, PlasticityPipeline.class.getDeclaredField(name).getType(), name);
        }
        for (final Field field : PlasticityPipeline.class.getDeclaredFields())
        {
            // The other volatile fields of a pipeline change once in a run at most: a failure, and the sleeping
            // thread (the JVM's count of pipelined steps is a static one, added to at the end of a run).
            if (java.lang.reflect.Modifier.isVolatile(field.getModifiers()) &&
                !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
            {
                assertTrue(field.getName().equals("plasticFailure") || field.getName().equals("sleeper"), field.getName());
            }
        }
    }
}
