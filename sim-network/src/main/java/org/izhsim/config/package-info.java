/**
 * Experiment and stimulus files: YAML read into checked records with every value located ({@code
 * file:line:column}), and their mapping onto the network builder ({@link org.izhsim.config.NetworkAssembler}),
 * which carries each spec's origin so that the network plan reports broken rules in the file.
 */
package org.izhsim.config;
