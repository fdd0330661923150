/**
 * The command line ({@code sim run, validate, neuron, gallery, explore}): options, the plan and memory check
 * before a run, and what a run prints and writes. Depends on everything below it; nothing depends on it.
 */
package org.izhsim.cli;
