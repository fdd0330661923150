/**
 * What the command line and the browser explorer share, below both: the single-neuron run that
 * {@code sim neuron} options describe, and the memory check before an experiment's run and the outputs of the
 * run. Depends on config, network and output; neither face is visible from here.
 */
package org.izhsim.service;
