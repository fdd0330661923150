/**
 * Output files and console progress: CSV, NumPy, JSON summary, figures, the output folder, and
 * {@link org.izhsim.output.RunOutputs}, the standard folder of a network run, which needs no experiment file.
 * Depends on the network's results, never on the config layer or the commands.
 */
package org.izhsim.output;
