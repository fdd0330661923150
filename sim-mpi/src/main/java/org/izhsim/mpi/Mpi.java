package org.izhsim.mpi;

import org.izhsim.network.engine.SpikeExchanges;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The calls of the system's MPI C library that the engine needs, bound with the Foreign Function and Memory API
 * (no JNI code, no Java MPI bindings): MPI_Init_thread, Comm_rank/size, Allgather, Allgatherv, Alltoallv,
 * Gatherv, Allreduce, Bcast, Barrier, Abort, Finalize, all on MPI_COMM_WORLD.
 * <p>
 * MPI's C handles differ by implementation. Open MPI's are the addresses of exported globals
 * ({@code MPI_COMM_WORLD} is {@code &ompi_mpi_comm_world}, {@code MPI_INT} is {@code &ompi_mpi_int}; its mpi.h,
 * OMPI_PREDEFINED_GLOBAL); the MPICH family (MPICH, Intel MPI, MVAPICH) uses int constants from its mpi.h
 * ({@code MPI_COMM_WORLD = 0x44000000}, {@code MPI_INT = 0x4c000405}). The MPI-5 standard ABI ({@code
 * libmpi_abi.so.1}: the MPI 5.0 standard's chapter "Application Binary Interface" and its table of constants,
 * as MPICH 5.0.2's mpi_abi.h gives them; MPICH builds it as {@code libmpi_abi_mpich.so}) makes handles pointers to incomplete structs whose predefined values are small
 * integers ({@code MPI_COMM_WORLD = 0x101}, {@code MPI_INT = 0x209}) and renumbers the thread levels
 * ({@code MPI_THREAD_SERIALIZED = 2048}); a library uses it when its {@code MPI_Abi_get_version} reports a major
 * version of 1 or more (MPICH's own-ABI libmpich 5 exports the function too and reports -1). Every downcall here
 * takes handles as {@code long}, narrowed to int for MPICH, so the callers do not see the difference.
 * <p>
 * The library is {@code MPI_JAVA_LIBRARY} or the system property {@value #LIBRARY_PROPERTY} when set, else the
 * one of the launcher that started this process (Open MPI's mpirun sets OMPI_* variables, Hydra and srun set
 * PMI_*). A wrong library initialises as a world of one rank in every process, which would silently run N
 * copies: {@link #init} compares the size with the launcher's and refuses. Owns the library's lookup and the
 * downcall handles; one thread calls at a time (MPI_THREAD_SERIALIZED).
 */
public final class Mpi implements AutoCloseable
{
    public static final String LIBRARY_VARIABLE = "MPI_JAVA_LIBRARY";
    public static final String LIBRARY_PROPERTY = "izhsim.mpi.library";
    /** Sonames of Debian's openmpi-bin/libopenmpi-dev (Open MPI 4) and mpich/libmpich-dev (MPICH 4). */
    static final String OPEN_MPI_LIBRARY = "libmpi.so.40";
    static final String MPICH_LIBRARY = "libmpich.so.12";
    /** The soname of the MPI-5 standard ABI library (MPICH 5's libmpi_abi_mpich.so has it). */
    static final String ABI_LIBRARY = "libmpi_abi.so.1";
    /** Marks a handle argument; replaced by the implementation's handle layout. */
    private static final ValueLayout HANDLE = JAVA_LONG.withName("handle");

    /**
     * The three handle conventions, with MPI_THREAD_SERIALIZED in each (2 in Open MPI's and MPICH's mpi.h, 2048 in
     * the standard ABI's).
     */
    public enum Flavour
    {
        OPEN_MPI(2), MPICH(2), ABI(2048);

        final int threadSerialized;

        Flavour(final int threadSerialized)
        {
            this.threadSerialized = threadSerialized;
        }
    }

    /** Datatypes by flavour: Open MPI's exported global, MPICH's mpi.h constant, the standard ABI's constant. */
    public enum Datatype
    {
        BYTE("ompi_mpi_byte", 0x4c00010d, 0x247), INT("ompi_mpi_int", 0x4c000405, 0x209),
        LONG("ompi_mpi_long", 0x4c000807, 0x20a), DOUBLE("ompi_mpi_double", 0x4c00080b, 0x214);

        final String openMpiSymbol;
        final int mpichHandle;
        final long abiHandle;

        Datatype(final String openMpiSymbol, final int mpichHandle, final long abiHandle)
        {
            this.openMpiSymbol = openMpiSymbol;
            this.mpichHandle = mpichHandle;
            this.abiHandle = abiHandle;
        }
    }

    /** Reduction operations by flavour, as {@link Datatype}. */
    public enum Op
    {
        MAX("ompi_mpi_op_max", 0x58000001, 0x23), MIN("ompi_mpi_op_min", 0x58000002, 0x22),
        SUM("ompi_mpi_op_sum", 0x58000003, 0x21);

        final String openMpiSymbol;
        final int mpichHandle;
        final long abiHandle;

        Op(final String openMpiSymbol, final int mpichHandle, final long abiHandle)
        {
            this.openMpiSymbol = openMpiSymbol;
            this.mpichHandle = mpichHandle;
            this.abiHandle = abiHandle;
        }
    }

    private static final int MPICH_COMM_WORLD = 0x44000000;
    private static final long ABI_COMM_WORLD = 0x101;

    private final String library;
    private final Flavour flavour;
    private final SymbolLookup lookup;
    private final ValueLayout handleLayout;
    private final long comm;
    private final long[] types = new long[Datatype.values().length];
    private final long[] ops = new long[Op.values().length];
    private final MethodHandle commRank;
    private final MethodHandle commSize;
    private final MethodHandle allgather;
    private final MethodHandle allgatherv;
    private final MethodHandle alltoallv;
    private final MethodHandle gatherv;
    private final MethodHandle allreduce;
    private final MethodHandle bcast;
    private final MethodHandle barrier;
    private final MethodHandle abort;
    private final MethodHandle finalizeCall;
    private final int rank;
    private final int size;
    private boolean finalized;

    private Mpi(final String library, final SymbolLookup lookup, final int launcherSize, final String launcherVariable)
    {
        this.library = library;
        this.lookup = lookup;
        this.flavour = standardAbi(lookup) ? Flavour.ABI :
            lookup.find("ompi_mpi_comm_world").isPresent() ? Flavour.OPEN_MPI : Flavour.MPICH;
        this.handleLayout = flavour == Flavour.MPICH ? JAVA_INT : JAVA_LONG;
        this.comm = switch (flavour)
        {
            case OPEN_MPI -> global("ompi_mpi_comm_world");
            case MPICH -> MPICH_COMM_WORLD;
            case ABI -> ABI_COMM_WORLD;
        };
        for (final Datatype t : Datatype.values())
        {
            types[t.ordinal()] = switch (flavour)
            {
                case OPEN_MPI -> global(t.openMpiSymbol);
                case MPICH -> t.mpichHandle;
                case ABI -> t.abiHandle;
            };
        }
        for (final Op o : Op.values())
        {
            ops[o.ordinal()] = switch (flavour)
            {
                case OPEN_MPI -> global(o.openMpiSymbol);
                case MPICH -> o.mpichHandle;
                case ABI -> o.abiHandle;
            };
        }
        final int threadSerialized = flavour.threadSerialized;
        final MethodHandle initThread = downcall("MPI_Init_thread", ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        commRank = downcall("MPI_Comm_rank", HANDLE, ADDRESS);
        commSize = downcall("MPI_Comm_size", HANDLE, ADDRESS);
        allgather = downcall("MPI_Allgather", ADDRESS, JAVA_INT, HANDLE, ADDRESS, JAVA_INT, HANDLE, HANDLE);
        allgatherv = downcall("MPI_Allgatherv", ADDRESS, JAVA_INT, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE,
            HANDLE);
        alltoallv = downcall("MPI_Alltoallv", ADDRESS, ADDRESS, ADDRESS, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE,
            HANDLE);
        gatherv = downcall("MPI_Gatherv", ADDRESS, JAVA_INT, HANDLE, ADDRESS, ADDRESS, ADDRESS, HANDLE, JAVA_INT,
            HANDLE);
        allreduce = downcall("MPI_Allreduce", ADDRESS, ADDRESS, JAVA_INT, HANDLE, HANDLE, HANDLE);
        bcast = downcall("MPI_Bcast", ADDRESS, JAVA_INT, HANDLE, JAVA_INT, HANDLE);
        barrier = downcall("MPI_Barrier", HANDLE);
        abort = downcall("MPI_Abort", HANDLE, JAVA_INT);
        finalizeCall = downcall("MPI_Finalize");

        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment out = arena.allocate(JAVA_INT);
            check("MPI_Init_thread",
                (int) initThread.invokeExact(MemorySegment.NULL, MemorySegment.NULL, threadSerialized, out));
            final int provided = out.get(JAVA_INT, 0);
            check("MPI_Comm_rank", (int) commRank.invokeExact(comm, out));
            rank = out.get(JAVA_INT, 0);
            check("MPI_Comm_size", (int) commSize.invokeExact(comm, out));
            size = out.get(JAVA_INT, 0);
            if (launcherSize > 0 && launcherSize != size && size == 1 && launcherVariable.endsWith("(Slurm job step)"))
            {
                // srun without a PMI plugin the library takes: each task is a world of its own. The library was told to
                // be changed (MPI_JAVA_LIBRARY), where srun's --mpi is what README's Slurm section names.
                finalizeQuietly();
                throw new IllegalStateException("MPI library " + library + " sees a world of 1 rank but srun started " +
                    launcherSize + " tasks (" + launcherVariable + "): srun gave the tasks no PMI that the library " +
                    "reads; run srun --mpi=pmix (Open MPI) or srun --mpi=pmi2 (MPICH) (srun --mpi=list lists them), " +
                    "or set " + LIBRARY_VARIABLE + " to the libmpi of the MPI srun is built for");
            }
            if (launcherSize > 0 && launcherSize != size)
            {
                finalizeQuietly();
                throw new IllegalStateException("MPI library " + library + " sees a world of " + size +
                    (size == 1 ? " rank" : " ranks") + " but the launcher started " + launcherSize + " (" +
                    launcherVariable + "): the library does not belong to this launcher; set " + LIBRARY_VARIABLE +
                    " to the launcher's libmpi (Open MPI: " + OPEN_MPI_LIBRARY + ", MPICH: " + MPICH_LIBRARY +
                    ", the MPI-5 standard ABI: " + ABI_LIBRARY + ")");
            }
            if (provided < threadSerialized)
            {
                finalizeQuietly();
                throw new IllegalStateException("MPI library " + library + " provides thread level " + provided +
                    ", the engine needs MPI_THREAD_SERIALIZED (" + threadSerialized + ")");
            }
        }
        catch (final RuntimeException | Error e)
        {
            throw e;
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException(t);
        }
    }

    /** Initialises MPI from this process's environment and system properties. */
    public static Mpi init()
    {
        return init(System.getenv(), System.getProperty(LIBRARY_PROPERTY));
    }

    /**
     * @param property the {@value #LIBRARY_PROPERTY} system property, or null.
     */
    public static Mpi init(final Map<String, String> environment, final String property)
    {
        final List<String> candidates = libraries(environment, property);
        final List<String> failures = new ArrayList<>();
        for (final String candidate : candidates)
        {
            final SymbolLookup lookup;
            try
            {
                lookup = SymbolLookup.libraryLookup(candidate, Arena.global());
            }
            catch (final IllegalArgumentException e)
            {
                failures.add(candidate);
                continue;
            }
            final int launcherSize = SpikeExchanges.launcherWorldSize(environment);
            return new Mpi(candidate, lookup, launcherSize, launcherVariable(environment));
        }
        throw new IllegalStateException("no MPI library found (tried " + String.join(", ", failures) + "); install " +
            "Open MPI (Debian: openmpi-bin libopenmpi-dev) or MPICH (mpich libmpich-dev), or set " + LIBRARY_VARIABLE +
            " to the path of libmpi.so (or of the MPI-5 standard ABI's libmpi_abi.so)");
    }

    /**
     * Whether the library implements the MPI-5 standard ABI: MPI_Abi_get_version, called before MPI_Init (as MPICH
     * 5.0.2's libraries allow), reports major version 1 or more; a library without the function, or one that
     * reports -1 (its own ABI: MPICH 5.0.2's libmpich), does not.
     */
    static boolean standardAbi(final SymbolLookup lookup)
    {
        final Optional<MemorySegment> function = lookup.find("MPI_Abi_get_version");
        if (function.isEmpty())
        {
            return false;
        }
        final MethodHandle version = Linker.nativeLinker().downcallHandle(function.get(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment major = arena.allocate(JAVA_INT);
            final MemorySegment minor = arena.allocate(JAVA_INT);
            major.set(JAVA_INT, 0, -1);
            final int code = (int) version.invokeExact(major, minor);
            return code == 0 && major.get(JAVA_INT, 0) >= 1;
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    /**
     * The libraries to try, in order: the explicit one, else the launcher's, then the standard ABI's (which
     * works under any launcher of the implementation that built it), else any known.
     */
    static List<String> libraries(final Map<String, String> environment, final String property)
    {
        final String explicit = property != null && !property.isBlank() ? property :
            environment.get(LIBRARY_VARIABLE);
        if (explicit != null && !explicit.isBlank())
        {
            return List.of(explicit);
        }
        boolean openMpi = false;
        boolean pmi = false;
        for (final String name : environment.keySet())
        {
            // What a launcher sets, not what a user may: OMPI_MCA_* and OMPI_ALLOW_RUN_AS_ROOT (which README suggests)
            // in the environment of an MPICH job loaded Open MPI's library, a world of one rank on every process.
            openMpi |= name.startsWith("OMPI_COMM_WORLD_") || name.startsWith("PMIX_");
            pmi |= name.startsWith("PMI_") || name.startsWith("HYDRA_");
        }
        if (openMpi)
        {
            return List.of(OPEN_MPI_LIBRARY, ABI_LIBRARY);
        }
        if (pmi)
        {
            return List.of(MPICH_LIBRARY, ABI_LIBRARY);
        }
        return List.of(OPEN_MPI_LIBRARY, MPICH_LIBRARY, ABI_LIBRARY);
    }

    private static String launcherVariable(final Map<String, String> environment)
    {
        return SpikeExchanges.launcherVariable(environment);
    }

    public int rank()
    {
        return rank;
    }

    public int size()
    {
        return size;
    }

    public Flavour flavour()
    {
        return flavour;
    }

    public String library()
    {
        return library;
    }

    public void allgather(final MemorySegment send, final int count, final Datatype type, final MemorySegment received)
    {
        final long t = types[type.ordinal()];
        try
        {
            check("MPI_Allgather", (int) allgather.invokeExact(send, count, t, received, count, t, comm));
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    /** @param counts,displacements int arrays of {@link #size()} elements, in elements of {@code type}. */
    public void allgatherv(final MemorySegment send, final int count, final Datatype type,
        final MemorySegment received, final MemorySegment counts, final MemorySegment displacements)
    {
        final long t = types[type.ordinal()];
        try
        {
            check("MPI_Allgatherv",
                (int) allgatherv.invokeExact(send, count, t, received, counts, displacements, t, comm));
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    public void alltoallv(final MemorySegment send, final MemorySegment sendCounts,
        final MemorySegment sendDisplacements, final MemorySegment received, final MemorySegment receiveCounts,
        final MemorySegment receiveDisplacements, final Datatype type)
    {
        final long t = types[type.ordinal()];
        try
        {
            check("MPI_Alltoallv", (int) alltoallv.invokeExact(send, sendCounts, sendDisplacements, t, received,
                receiveCounts, receiveDisplacements, t, comm));
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    /** {@code received}, {@code counts} and {@code displacements} matter on {@code root} only. */
    public void gatherv(final MemorySegment send, final int count, final Datatype type, final MemorySegment received,
        final MemorySegment counts, final MemorySegment displacements, final int root)
    {
        final long t = types[type.ordinal()];
        try
        {
            check("MPI_Gatherv",
                (int) gatherv.invokeExact(send, count, t, received, counts, displacements, t, root, comm));
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    public void allreduce(final MemorySegment send, final MemorySegment received, final int count,
        final Datatype type, final Op op)
    {
        try
        {
            check("MPI_Allreduce", (int) allreduce.invokeExact(send, received, count, types[type.ordinal()],
                ops[op.ordinal()], comm));
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    public void bcast(final MemorySegment buffer, final int count, final Datatype type, final int root)
    {
        try
        {
            check("MPI_Bcast", (int) bcast.invokeExact(buffer, count, types[type.ordinal()], root, comm));
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    public void barrier()
    {
        try
        {
            check("MPI_Barrier", (int) barrier.invokeExact(comm));
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    /** Stops every rank of the job (MPI_Abort on MPI_COMM_WORLD); returns only if the library does. */
    public void abort(final int exitCode)
    {
        try
        {
            final int ignored = (int) abort.invokeExact(comm, exitCode);
        }
        catch (final Throwable e)
        {
            throw rethrow(e);
        }
    }

    /** MPI_Finalize, once. */
    @Override
    public void close()
    {
        if (!finalized)
        {
            finalized = true;
            try
            {
                check("MPI_Finalize", (int) finalizeCall.invokeExact());
            }
            catch (final Throwable e)
            {
                throw rethrow(e);
            }
        }
    }

    private void finalizeQuietly()
    {
        try
        {
            close();
        }
        catch (final RuntimeException e)
        {
            // the caller reports the reason it gave up
        }
    }

    private long global(final String symbol)
    {
        final Optional<MemorySegment> found = lookup.find(symbol);
        if (found.isEmpty())
        {
            throw new IllegalStateException("MPI library " + library + " has no symbol " + symbol);
        }
        return found.get().address();
    }

    /** A downcall returning int whose {@link #HANDLE} arguments are taken as long and narrowed if need be. */
    private MethodHandle downcall(final String name, final MemoryLayout... arguments)
    {
        final MemorySegment address = lookup.find(name).orElseThrow(
            () -> new IllegalStateException("MPI library " + library + " has no function " + name));
        final MemoryLayout[] native_ = new MemoryLayout[arguments.length];
        final Class<?>[] javaTypes = new Class<?>[arguments.length];
        for (int i = 0; i < arguments.length; i++)
        {
            final boolean handle = arguments[i] == HANDLE;
            native_[i] = handle ? handleLayout : arguments[i];
            javaTypes[i] = handle ? long.class : ((ValueLayout) arguments[i]).carrier();
        }
        final MethodHandle raw = Linker.nativeLinker().downcallHandle(address, FunctionDescriptor.of(JAVA_INT, native_));
        return MethodHandles.explicitCastArguments(raw, MethodType.methodType(int.class, javaTypes));
    }

    private void check(final String call, final int code)
    {
        if (code != 0)
        {
            throw new IllegalStateException(call + " failed with error code " + code + " (" + library + ")");
        }
    }

    private static RuntimeException rethrow(final Throwable e)
    {
        if (e instanceof RuntimeException r)
        {
            return r;
        }
        if (e instanceof Error error)
        {
            throw error;
        }
        return new IllegalStateException(e);
    }
}
