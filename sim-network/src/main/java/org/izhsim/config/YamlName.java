package org.izhsim.config;

/**
 * A config choice spelled as a lower-case word in YAML, e.g. {@code halfstep} or {@code fixed_outdegree}.
 */
public interface YamlName
{
    /**
     * @return the spelling in the config file.
     */
    String yamlName();
}
