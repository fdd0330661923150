package org.izhsim.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which MPI library a rank loads, from what its launcher (not its user) put in the environment. */
class MpiLibraryChoiceTest
{
    /**
     * OMPI_ALLOW_RUN_AS_ROOT (README's advice for Open MPI as root) or an OMPI_MCA_ setting left in the environment of
     * an MPICH job made every rank load Open MPI's library and see a world of one: "sees a world of 1 rank but the
     * launcher started 2", exit 2.
     */
    @Test
    void anOpenMpiSettingOfTheUserDoesNotTakeAnMpichJobForOpenMpis()
    {
        assertEquals(List.of(Mpi.MPICH_LIBRARY, Mpi.ABI_LIBRARY), Mpi.libraries(Map.of("OMPI_ALLOW_RUN_AS_ROOT", "1",
            "OMPI_MCA_btl_vader_single_copy_mechanism", "none", "PMI_SIZE", "2", "PMI_RANK", "1"), null));
        assertEquals(List.of(Mpi.OPEN_MPI_LIBRARY, Mpi.ABI_LIBRARY), Mpi.libraries(Map.of("OMPI_ALLOW_RUN_AS_ROOT", "1",
            "OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_RANK", "0"), null));
        assertEquals(List.of(Mpi.OPEN_MPI_LIBRARY, Mpi.MPICH_LIBRARY, Mpi.ABI_LIBRARY),
            Mpi.libraries(Map.of("OMPI_MCA_btl", "self"), null));
        assertEquals(List.of("/opt/mpi/lib/libmpi.so"), Mpi.libraries(Map.of("OMPI_COMM_WORLD_SIZE", "2"),
            "/opt/mpi/lib/libmpi.so"));
    }
}
