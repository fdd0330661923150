/**
 * Describing a network and planning it: the spec classes and rules of the Java API, {@link
 * org.izhsim.network.build.NetworkBuilder}, and the {@link org.izhsim.network.build.NetworkPlan} it makes, the one
 * place where names are resolved, every rule is checked and memory is estimated, before anything is built. Also
 * the partition of neurons into blocks and threads that the plan and the engine share. Knows nothing of the
 * engine: {@code Network.build} takes a builder or its plan.
 */
package org.izhsim.network.build;
