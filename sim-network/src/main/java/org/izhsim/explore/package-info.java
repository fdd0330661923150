/**
 * The browser explorer: a local HTTP server, its JSON API, live network runs in chunks and single-neuron runs.
 */
package org.izhsim.explore;
