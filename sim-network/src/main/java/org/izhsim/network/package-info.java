/**
 * The network simulator. Owns {@link org.izhsim.network.PopulationRange}, a population's place in the neuron
 * numbering, shared by the plan, the engine and the results.
 */
package org.izhsim.network;
