package org.izhsim.network.build;

import java.util.ArrayList;
import java.util.List;

import org.izhsim.network.PopulationRange;

/**
 * Which projections go through the receptor stage (a synapse type other than current, short-term plasticity, or
 * fixed current synapses whose source neurons also have plastic ones) and which neurons hold an exponential
 * current or conductances, with the constants of each.
 * <p>
 * The decay constants and reversal potentials belong to the target neuron, as in CARLsim where they are set per
 * postsynaptic group (snn_manager.cpp, SNN::setConductances(gGrpId, ...)): all exponential projections into a
 * population must agree on tau and decay, all conductance projections on their receptors; the multipliers
 * (fast, slow) and STP are per projection. A disagreement is reported at the second projection's
 * {@code synapse} key. Immutable.
 */
public final class ReceptorPlan
{
    /** Neurons {@code first .. end - 1} (one population) with the constants of their state. */
    public record Segment(int first, int end, SynapseModel model)
    {
    }

    private final List<ProjectionSpec> specs;
    private final int[] channels;
    /** Per projection: whether it goes through the stage. */
    private final boolean[] routed;
    private final List<Segment> exponential;
    private final List<Segment> conductance;

    private ReceptorPlan(final List<ProjectionSpec> specs, final int[] channels, final List<Segment> exponential,
        final List<Segment> conductance)
    {
        this.specs = specs;
        this.channels = channels;
        this.routed = new boolean[specs.size()];
        for (final int c : channels)
        {
            routed[c] = true;
        }
        this.exponential = exponential;
        this.conductance = conductance;
    }

    /**
     * @param besidePlastic per projection, whether it is a fixed current projection whose sources also have plastic
     * synapses: the plain matrix's rows of a plastic source hold its plastic synapses only (the engine tells
     * plastic rows by their source), so such a projection's synapses go through the stage as plain currents (kind
     * current, no STP: each adds w to its target's input in its arrival step, as the plain delivery would).
     */
    static ReceptorPlan of(final List<ProjectionSpec> specs, final List<ResolvedProjection> resolved,
        final List<PopulationRange> populations, final boolean[] besidePlastic)
    {
        final SynapseModel[] exp = new SynapseModel[populations.size()];
        final SynapseModel[] cond = new SynapseModel[populations.size()];
        // The projection that set each population's state, to name it when a later one disagrees.
        final ProjectionSpec[] expBy = new ProjectionSpec[populations.size()];
        final ProjectionSpec[] condBy = new ProjectionSpec[populations.size()];
        final List<Integer> channels = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++)
        {
            final ProjectionSpec s = specs.get(i);
            if (!s.usesReceptorStage() && !besidePlastic[i])
            {
                continue;
            }
            channels.add(i);
            final SynapseModel m = s.synapse();
            final SynapseModel[] byPopulation = m.type() == SynapseModel.Type.EXPONENTIAL ? exp :
                m.type() == SynapseModel.Type.CONDUCTANCE ? cond : null;
            if (byPopulation == null)
            {
                continue;
            }
            final ProjectionSpec[] setBy = byPopulation == exp ? expBy : condBy;
            final ResolvedProjection p = resolved.get(i);
            for (int k = 0; k < populations.size(); k++)
            {
                final PopulationRange range = populations.get(k);
                if (range.first() >= p.targetFirst() && range.end() <= p.targetFirst() + p.targetSize() &&
                    range.size() > 0)
                {
                    if (byPopulation[k] != null && !byPopulation[k].sameTargetState(m))
                    {
                        // Named by key, this projection's value first: the message printed the earlier one's whole
                        // model and left the user to find what differs, and where.
                        throw NetworkPlan.fail(s.origin("synapse"), s.displayName(), "population '" + range.name() +
                            "' also receives " + (m.type() == SynapseModel.Type.EXPONENTIAL ? "exponential" :
                            "conductance") + " synapses from " + setBy[k].displayName() + ", and projections into " +
                            "one population share its synaptic state: " + m.targetStateDifference(byPopulation[k]));
                    }
                    byPopulation[k] = m;
                    setBy[k] = setBy[k] == null ? s : setBy[k];
                }
            }
        }
        final int[] ids = new int[channels.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = channels.get(i);
        }
        return new ReceptorPlan(List.copyOf(specs), ids, segments(exp, populations), segments(cond, populations));
    }

    private static List<Segment> segments(final SynapseModel[] models, final List<PopulationRange> populations)
    {
        final List<Segment> segments = new ArrayList<>();
        for (int k = 0; k < models.length; k++)
        {
            if (models[k] != null)
            {
                segments.add(new Segment(populations.get(k).first(), populations.get(k).end(), models[k]));
            }
        }
        return List.copyOf(segments);
    }

    /** No projection uses the receptor stage: the network runs exactly as before it existed. */
    public boolean isEmpty()
    {
        return channels.length == 0;
    }

    /** Whether projection {@code projection} goes through the stage: its synapses are not in the plain matrix. */
    public boolean routes(final int projection)
    {
        return routed[projection];
    }

    /** Indices of the projections that use the receptor stage, ascending. */
    public int[] channels()
    {
        return channels.clone();
    }

    public ProjectionSpec spec(final int projection)
    {
        return specs.get(projection);
    }

    /** Populations with an exponential current, ascending. */
    public List<Segment> exponential()
    {
        return exponential;
    }

    /** Populations with conductances, ascending. */
    public List<Segment> conductance()
    {
        return conductance;
    }

    /**
     * Bytes of the receptor stage's state: one float per neuron for the exponential current, six for the
     * conductances (the four g's, and the NMDA term and synaptic current the vectorised step keeps between its
     * passes: counting 16 B let a 2-million-neuron network through at a heap it then ran out of), and per STP
     * projection u, x and D saved spike factors per source neuron.
     */
    long stateBytes(final List<ResolvedProjection> resolved, final int neurons)
    {
        long bytes = (exponential.isEmpty() ? 0 : 4L * neurons) + (conductance.isEmpty() ? 0 : 24L * neurons);
        for (final int c : channels)
        {
            if (specs.get(c).stp() != null)
            {
                final ResolvedProjection p = resolved.get(c);
                bytes += 4L * (3 + p.delay().max()) * p.sourceSize();
            }
        }
        return bytes;
    }
}
