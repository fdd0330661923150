/**
 * Single-neuron runs: a validated {@link org.izhsim.core.run.RunSpec} in,
 * {@link org.izhsim.core.run.SingleNeuronRun#run} with the figure1.m step convention, a
 * {@link org.izhsim.core.run.RunResult} of primitive arrays out.
 */
package org.izhsim.core.run;
