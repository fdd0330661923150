/**
 * The synapse matrix (compressed rows per target block) and its parallel, thread-count independent construction
 * from a plan's resolved projections.
 */
package org.izhsim.network.synapse;
