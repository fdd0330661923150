package org.izhsim.config;

/**
 * How the membrane equations are stepped each dt.
 */
public enum Integration implements YamlName
{
    /**
     * Izhikevich (2003) net.m: v takes two Euler half-steps of 0.5 ms "for numerical stability", then u
     * one step of 1 ms with the new v.
     */
    HALFSTEP("halfstep"),

    /**
     * Forward Euler: v and u one full step of dt each.
     */
    EULER("euler");

    private final String yamlName;

    Integration(final String yamlName)
    {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName()
    {
        return yamlName;
    }
}
