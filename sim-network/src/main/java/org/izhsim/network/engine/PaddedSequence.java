package org.izhsim.network.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class PaddedSequenceLhsPadding
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class PaddedSequenceValue extends PaddedSequenceLhsPadding
{
    volatile long value;
}

abstract class PaddedSequenceRhsPadding extends PaddedSequenceValue
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * A long written by one thread and read by others, alone on its cache line: 64 bytes of padding on each
 * side (Agrona's padding-by-inheritance idiom; HotSpot lays out superclass fields first, so the value sits
 * between the two blocks of bytes whatever the field packing). One instance per worker thread: its step
 * sequence in {@link StepBarrier}, or its running count of delivered synaptic events; or one per slice or
 * network in {@link SliceClaims}: a slice's claim, the count of slices done, the steps released.
 */
final class PaddedSequence extends PaddedSequenceRhsPadding
{
    private static final VarHandle VALUE;

    static
    {
        try
        {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedSequenceValue.class, "value", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** A plain store: for a value one thread writes and reads, kept off the lines other threads read. */
    void setPlain(final long value)
    {
        VALUE.set(this, value);
    }

    /** Store-release: all writes before it are visible to a thread that reads the new value by getAcquire. */
    void setRelease(final long value)
    {
        VALUE.setRelease(this, value);
    }

    /** Atomic compare-and-set with volatile semantics: true when the value was {@code expected}. */
    boolean compareAndSet(final long expected, final long value)
    {
        return VALUE.compareAndSet(this, expected, value);
    }

    /** Atomic add with volatile semantics; returns the value before. */
    long getAndAdd(final long delta)
    {
        return (long)VALUE.getAndAdd(this, delta);
    }

    long getAcquire()
    {
        return (long)VALUE.getAcquire(this);
    }

    /** Plain read by the owning thread, or after a join. */
    long getPlain()
    {
        return (long)VALUE.get(this);
    }
}
