package org.izhsim.config;

/**
 * The file a spike-times source population's times were read from ({@code spike_times_ms: {file: ...}}), for
 * provenance and the output folder's check.
 *
 * @param path   as found from the working folder.
 * @param group  the SONATA group read ({@code /spikes/exc}); null for a CSV file.
 * @param times  the spike times it held.
 * @param crc32c CRC-32C of its spikes (each neuron and time, in file order).
 */
public record SpikeTimesFile(String path, String group, long times, long crc32c)
{
}
