package org.izhsim.network.engine;

import org.izhsim.core.InputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpikeExchangesTest
{
    @Test
    void askingForMpiOnJava17SaysWhichJavaItNeedsInOneLine()
    {
        final InputException e = assertThrows(InputException.class, () -> SpikeExchanges.open("mpi", 64, 100, 17));
        assertEquals("MPI needs Java 22+; this is Java 17: run ./sim with JAVA_HOME set to a JDK 22 or newer, which " +
            "builds the sim-mpi module (README, MPI ranks)", e.getMessage());
    }

    @Test
    void aTransportMissingFromTheClassPathNamesTheModuleAndTheJdkItNeeds()
    {
        // sim-network's tests never have sim-mpi on their class path.
        final InputException e = assertThrows(InputException.class, () -> SpikeExchanges.open("mpi", 64, 100, 25));
        assertTrue(e.getMessage().startsWith("no spike exchange 'mpi' on the class path: the sim-mpi module"),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void theLaunchersWorldSizeComesFromOpenMpiOrPmiVariables()
    {
        assertEquals(0, SpikeExchanges.launcherWorldSize(Map.of("PATH", "/usr/bin")));
        assertEquals(3, SpikeExchanges.launcherWorldSize(Map.of("OMPI_COMM_WORLD_SIZE", "3")));
        assertEquals(2, SpikeExchanges.launcherWorldSize(Map.of("PMI_SIZE", "2", "PMI_RANK", "1")));
        assertTrue(SpikeExchanges.mpiRequested(false, Map.of("PMI_SIZE", "1")));
        assertFalse(SpikeExchanges.mpiRequested(false, Map.of()));
        assertTrue(SpikeExchanges.mpiRequested(true, Map.of()));
        final InputException e = assertThrows(InputException.class,
            () -> SpikeExchanges.launcherWorldSize(Map.of("PMI_SIZE", "two")));
        assertEquals("the MPI launcher set PMI_SIZE=two, not a number", e.getMessage());
    }

    /** srun's variables: a job step's tasks and SLURM_PROCID; an sbatch script or salloc shell is no rank. */
    @Test
    void slurmJobStepsOfMoreThanOneTaskAreLaunchersAndBatchScriptsAreNot()
    {
        final Map<String, String> step = Map.of("SLURM_JOB_ID", "77", "SLURM_STEP_ID", "0",
            "SLURM_STEP_NUM_TASKS", "4", "SLURM_NTASKS", "8", "SLURM_PROCID", "3");
        assertEquals(4, SpikeExchanges.launcherWorldSize(step), "the step's tasks, not the job's");
        assertEquals(3, SpikeExchanges.launcherRank(step));
        assertEquals("SLURM_STEP_NUM_TASKS=4 (Slurm job step)", SpikeExchanges.launcherVariable(step));
        assertTrue(SpikeExchanges.mpiRequested(false, step));
        // An older Slurm: SLURM_STEPID and SLURM_NTASKS only.
        assertEquals(2, SpikeExchanges.launcherWorldSize(Map.of("SLURM_STEPID", "1", "SLURM_NTASKS", "2",
            "SLURM_PROCID", "1")));
        // The batch script itself (or an salloc shell): SLURM_NTASKS and SLURM_PROCID=0 but no step.
        final Map<String, String> batch = Map.of("SLURM_JOB_ID", "77", "SLURM_NTASKS", "8", "SLURM_PROCID", "0");
        assertEquals(0, SpikeExchanges.launcherWorldSize(batch));
        assertEquals(-1, SpikeExchanges.launcherRank(batch));
        assertFalse(SpikeExchanges.mpiRequested(false, batch));
        // srun --pty bash: a step of one task.
        assertEquals(0, SpikeExchanges.launcherWorldSize(Map.of("SLURM_STEP_ID", "0", "SLURM_STEP_NUM_TASKS", "1",
            "SLURM_PROCID", "0")));
        // srun --mpi=pmi2 sets PMI_SIZE/PMI_RANK as well: those come first.
        assertEquals(2, SpikeExchanges.launcherWorldSize(Map.of("SLURM_STEP_ID", "0", "SLURM_STEP_NUM_TASKS", "2",
            "PMI_SIZE", "2", "PMI_RANK", "1")));
        assertEquals(1, SpikeExchanges.launcherRank(Map.of("PMI_SIZE", "2", "PMI_RANK", "1")));
        assertEquals(0, SpikeExchanges.launcherRank(Map.of("OMPI_COMM_WORLD_SIZE", "2", "OMPI_COMM_WORLD_RANK", "0")));
        assertThrows(InputException.class, () -> SpikeExchanges.launcherWorldSize(Map.of("SLURM_STEP_ID", "0",
            "SLURM_STEP_NUM_TASKS", "four")));
    }
}
