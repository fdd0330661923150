/**
 * Counter-based random numbers, functions of (seed, stream, index), so results do not depend on the thread count.
 */
package org.izhsim.network.random;
