/**
 * The built network and its step loop: neuron state, spike ring, workers, barrier, pacing. Built from a {@link
 * org.izhsim.network.build.NetworkPlan}; allocates nothing while it steps.
 */
package org.izhsim.network.engine;
