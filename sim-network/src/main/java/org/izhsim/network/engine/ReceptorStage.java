package org.izhsim.network.engine;

import java.util.ArrayList;
import java.util.List;

import org.izhsim.core.integrate.Method;
import org.izhsim.network.build.NetworkPlan;
import org.izhsim.network.build.ReceptorPlan;
import org.izhsim.network.build.ResolvedProjection;
import org.izhsim.network.build.ShortTermPlasticity;
import org.izhsim.network.build.SynapseModel;
import org.izhsim.network.build.TargetPartition;
import org.izhsim.network.record.NumericalBlowUp;
import org.izhsim.network.synapse.SynapseMatrix;
import org.izhsim.network.synapse.SynapseMatrixBuilder;

/**
 * The synapses that are not a plain current jump: exponential currents, conductances (AMPA, NMDA, GABA_A,
 * GABA_B) and short-term plasticity. Owns one synapse matrix per projection that uses it (built with the same
 * random draws as the plain matrix would have used, in the same target blocks), the per-neuron exponential
 * current and conductances, and the STP state of those projections' source neurons. Shared by the workers like
 * {@link NeuronArrays}: each writes only its own neurons' entries and its own neurons' STP state. Under MPI a rank's
 * matrices hold only its blocks and keeps a copy of the other ranks' sources' STP state: the factors of their
 * spikes are set at the exchange ({@link #factorsOfOtherSpikes}, by {@link RankSlice}) and their u and x advanced
 * by the rank's workers, each a share, one step later ({@link #advanceOthers}), with their owner's arithmetic, so
 * every rank reads the factors their owner computes.
 * <p>
 * A worker's step, in CARLsim's order (snn_manager.cpp, SNN::advSimStep: doSTPUpdateAndDecayCond, findFiring,
 * doCurrentUpdate, globalStateUpdate): (1) {@link #decay} its neurons' currents and conductances; (2)
 * {@link #deliver} the spikes arriving now, in projection order, then by delay, then by source, the same order
 * for any thread count; (3) {@link #integrate}, where a conductance neuron's current -sum g (v - E) is evaluated
 * at every integration sub-step, as CARLsim's globalStateUpdate_CPU does; (4) after spike detection,
 * {@link #afterSpikes} advances the STP state of its own source neurons to the next step and keeps each new
 * spike's factor u+ x- / U for the D steps its deliveries can take. The factors a step reads were written before
 * the previous barrier, by their source's owner: no redundant work, no race, the same arithmetic whatever the
 * thread count.
 */
final class ReceptorStage
{
    private static final int CURRENT = 0;
    private static final int EXPONENTIAL = 1;
    private static final int CONDUCTANCE = 2;

    private final TargetPartition partition;
    /** The step the next run starts from after a build or a resume ({@link #startAt}); 0 after a build. */
    private long firstStep;
    private final Channel[] channels;
    /** Exponential current per neuron, or null. */
    private final float[] current;
    /** v of a neuron whose conductance made its Euler step unstable: a NaN the blow-up report tells by its bits. */
    private static final float UNSTABLE_CONDUCTANCE = Float.intBitsToFloat(NumericalBlowUp.UNSTABLE_CONDUCTANCE_BITS);
    private static final float UNSTABLE_CONDUCTANCE_EULER =
        Float.intBitsToFloat(NumericalBlowUp.UNSTABLE_CONDUCTANCE_EULER_BITS);

    private final float[] gAmpa;
    private final float[] gNmda;
    private final float[] gGabaA;
    private final float[] gGabaB;
    /**
     * Per neuron, {@link #conductanceStep}'s intermediate values of one sub-step: g_NMDA NMDAtmp / (1 + NMDAtmp)
     * and the conductance current; each worker writes its own neurons' only.
     */
    private final float[] nmdaTerm;
    private final float[] synaptic;
    private final int[] expFirst;
    private final int[] expEnd;
    private final float[] expDecay;
    private final int[] condFirst;
    private final int[] condEnd;
    /** Per conductance segment: decay of AMPA, NMDA, GABA_A, GABA_B, then their reversal potentials. */
    private final float[][] condConstants;
    /** Per conductance range, its synaptic current for the 2007 kernel: made once, so the step allocates nothing. */
    private final Izhikevich2007Kernel.SynapticCurrent[] condCurrents;

    /** One projection of the receptor stage. */
    private static final class Channel
    {
        final SynapseMatrix matrix;
        final int kind;
        final float fast;
        final float slow;
        final Stp stp;
        /** +1 when every weight is >= 0, -1 when every weight is < 0, 0 when both occur. */
        final int sign;

        Channel(final SynapseMatrix matrix, final int kind, final float fast, final float slow, final Stp stp)
        {
            this.matrix = matrix;
            this.sign = sign(matrix);
            this.kind = kind;
            this.fast = fast;
            this.slow = slow;
            this.stp = stp;
        }
    }

    private static int sign(final SynapseMatrix matrix)
    {
        boolean excitatory = false;
        boolean inhibitory = false;
        for (int b = 0; b < matrix.partition().blocks(); b++)
        {
            for (final float w : matrix.weights(b))
            {
                excitatory |= w >= 0.0f;
                inhibitory |= w < 0.0f;
            }
        }
        return inhibitory ? excitatory ? 0 : -1 : 1;
    }

    /** STP state of one projection's sources: u, x, and the factor of each spike of the last D steps. */
    static final class Stp
    {
        final int first;
        final int end;
        final float bigU;
        /** CARLsim's STP_A = 1/U (snn_manager.cpp, SNN::setSTP), computed in double, kept as float. */
        final float a;
        final float tauUInv;
        final float tauXInv;
        final float[] u;
        final float[] x;
        /**
         * factor[e mod (D + 1)][s - first]: A u+ x- of the spike source s fired in step e. D + 1 slots, as
         * CARLsim's STP buffers (STP_BUF_POS over maxDelay + 1): the owner writes slot e at the end of step e while
         * other workers may still read step e - D for their last deliveries of step e.
         */
        final float[][] factor;

        Stp(final ShortTermPlasticity p, final int first, final int size, final int maxDelay)
        {
            this.first = first;
            this.end = first + size;
            this.bigU = (float)p.u();
            this.a = (float)(1.0 / bigU);
            this.tauUInv = 1.0f / (float)p.tauUMs();
            this.tauXInv = 1.0f / (float)p.tauXMs();
            this.u = new float[size];
            this.x = new float[size];
            java.util.Arrays.fill(x, 1.0f); // snn_manager.cpp, resetNeuron: stpu = 0, stpx = 1
            this.factor = new float[maxDelay + 1][size];
        }
    }

    private ReceptorStage(final TargetPartition partition, final Channel[] channels, final ReceptorPlan plan,
        final int neurons)
    {
        this.partition = partition;
        this.channels = channels;
        final List<ReceptorPlan.Segment> exp = plan.exponential();
        final List<ReceptorPlan.Segment> cond = plan.conductance();
        this.current = exp.isEmpty() ? null : new float[neurons];
        this.gAmpa = cond.isEmpty() ? null : new float[neurons];
        this.gNmda = cond.isEmpty() ? null : new float[neurons];
        this.gGabaA = cond.isEmpty() ? null : new float[neurons];
        this.gGabaB = cond.isEmpty() ? null : new float[neurons];
        this.nmdaTerm = cond.isEmpty() ? null : new float[neurons];
        this.synaptic = cond.isEmpty() ? null : new float[neurons];
        expFirst = new int[exp.size()];
        expEnd = new int[exp.size()];
        expDecay = new float[exp.size()];
        for (int k = 0; k < exp.size(); k++)
        {
            final SynapseModel m = exp.get(k).model();
            expFirst[k] = exp.get(k).first();
            expEnd[k] = exp.get(k).end();
            expDecay[k] = m.decay().factor(m.tauMs());
        }
        condFirst = new int[cond.size()];
        condEnd = new int[cond.size()];
        condConstants = new float[cond.size()][];
        condCurrents = new Izhikevich2007Kernel.SynapticCurrent[cond.size()];
        for (int k = 0; k < cond.size(); k++)
        {
            final SynapseModel.Receptors r = cond.get(k).model().receptors();
            final SynapseModel.Decay d = r.decay();
            condFirst[k] = cond.get(k).first();
            condEnd[k] = cond.get(k).end();
            condConstants[k] = new float[] {d.factor(r.tauAmpaMs()), d.factor(r.tauNmdaMs()), d.factor(r.tauGabaAMs()),
                d.factor(r.tauGabaBMs()), (float)r.eAmpa(), (float)r.eNmda(), (float)r.eGabaA(), (float)r.eGabaB()};
            final float[] constants = condConstants[k];
            condCurrents[k] = new Izhikevich2007Kernel.SynapticCurrent()
            {
                @Override
                public void compute(final float[] v, final int lo, final int hi)
                {
                    synapticCurrent(v, constants, lo, hi);
                }

                @Override
                public float conductance(final int i)
                {
                    return gAmpa[i] + nmdaTerm[i] + gGabaA[i] + gGabaB[i];
                }
            };
        }
    }

    /** Null when no projection needs the stage: the network then runs exactly as without it. */
    static ReceptorStage build(final NetworkPlan plan, final TargetPartition partition)
    {
        return build(plan, partition, 0, partition.blocks());
    }

    /**
     * The stage whose matrices hold only blocks {@code firstBlock .. endBlock - 1} (an MPI rank's); its neuron
     * and STP state cover the whole network.
     */
    static ReceptorStage build(final NetworkPlan plan, final TargetPartition partition, final int firstBlock,
        final int endBlock)
    {
        final ReceptorPlan receptors = plan.receptors();
        if (receptors.isEmpty())
        {
            return null;
        }
        final List<Channel> channels = new ArrayList<>();
        for (final int c : receptors.channels())
        {
            final ResolvedProjection p = plan.projections().get(c);
            final SynapseModel m = receptors.spec(c).synapse();
            // The windows of the partition's blocks (ranks x threads of them under MPI; the plan's for one process).
            final SynapseMatrix matrix = new SynapseMatrixBuilder(partition, List.of(p),
                TargetPartition.sourceWindows(plan.neurons(), partition.blocks(), List.of(p)), plan.seed(),
                plan.threads()).onlyBlocks(firstBlock, endBlock).build();
            final ShortTermPlasticity stp = receptors.spec(c).stp();
            final int kind = m.type() == SynapseModel.Type.CONDUCTANCE ? CONDUCTANCE :
                m.type() == SynapseModel.Type.EXPONENTIAL ? EXPONENTIAL : CURRENT;
            channels.add(new Channel(matrix, kind, (float)m.fast(), (float)m.slow(),
                stp == null ? null : new Stp(stp, p.sourceFirst(), p.sourceSize(), matrix.maxDelay())));
        }
        return new ReceptorStage(partition, channels.toArray(new Channel[0]), receptors, plan.neurons());
    }

    /** Step (1): x *= factor for the exponential currents and conductances of neurons from .. to - 1. */
    void decay(final int from, final int to)
    {
        for (int k = 0; k < expFirst.length; k++)
        {
            final float d = expDecay[k];
            for (int i = Math.max(from, expFirst[k]); i < Math.min(to, expEnd[k]); i++)
            {
                current[i] *= d;
            }
        }
        for (int k = 0; k < condFirst.length; k++)
        {
            // snn_cpu_module.cpp, doSTPUpdateAndDecayCond_CPU: gAMPA *= dAMPA; gNMDA *= dNMDA; gGABAa *= dGABAa; gGABAb *= dGABAb
            // The factors in locals: read from their array inside the loop, C2 must reload them after every store
            // to a float array (the two could be one array), which keeps these loops scalar.
            final float[] c = condConstants[k];
            final float dAmpa = c[0];
            final float dNmda = c[1];
            final float dGabaA = c[2];
            final float dGabaB = c[3];
            final int lo = Math.max(from, condFirst[k]);
            final int hi = Math.min(to, condEnd[k]);
            for (int i = lo; i < hi; i++)
            {
                gAmpa[i] *= dAmpa;
            }
            for (int i = lo; i < hi; i++)
            {
                gNmda[i] *= dNmda;
            }
            for (int i = lo; i < hi; i++)
            {
                gGabaA[i] *= dGabaA;
            }
            for (int i = lo; i < hi; i++)
            {
                gGabaB[i] *= dGabaB;
            }
        }
    }

    /**
     * Step (2): every synapse of the stage in blocks {@code firstBlock .. endBlock - 1} whose spike arrives in
     * {@code step} adds w (times the spike's STP factor) to the input (current), the exponential current, or
     * the conductances of its target; then the exponential currents join the input.
     *
     * @return the synaptic events delivered.
     */
    long deliver(final long step, final SpikeRing ring, final float[] input, final int firstBlock, final int endBlock,
        final int from, final int to)
    {
        long delivered = 0;
        for (final Channel ch : channels)
        {
            final SynapseMatrix m = ch.matrix;
            final int maxDelay = m.maxDelay();
            for (int block = firstBlock; block < endBlock; block++)
            {
                final int[] rowStart = m.rowStart(block);
                final char[] targets = m.targets(block);
                final float[] weights = m.weights(block);
                final long[] contiguous = m.contiguousRows(block);
                final int base = partition.blockStart(block);
                final int firstSource = m.firstSource(block);
                final int endSource = m.endSource(block);
                for (int d = 1; d <= maxDelay; d++)
                {
                    final int slot = ring.slotOf(step - d);
                    final int[] fired = ring.fired(slot);
                    final float[] factor = ch.stp == null ? null :
                        ch.stp.factor[(int)Math.floorMod(step - d, (long)ch.stp.factor.length)];
                    for (int segment = 0; segment < ring.segments(); segment++)
                    {
                        final int first = ring.segmentStart(segment);
                        final int last = first + ring.count(slot, segment);
                        for (int k = first; k < last; k++)
                        {
                            final int s = fired[k];
                            if (s < firstSource || s >= endSource)
                            {
                                continue;
                            }
                            final int row = (s - firstSource) * maxDelay + d - 1;
                            final int begin = rowStart[row];
                            final int end = rowStart[row + 1];
                            // Without STP the factor is 1: w * 1 is w exactly, the same sums as a plain add.
                            final float f = factor == null ? 1.0f : factor[s - ch.stp.first];
                            delivered += end - begin;
                            deposit(ch, f, input, base, targets, weights, begin, end,
                                (contiguous[row >>> 6] & (1L << row)) != 0);
                        }
                    }
                }
            }
        }
        for (int k = 0; k < expFirst.length; k++)
        {
            for (int i = Math.max(from, expFirst[k]); i < Math.min(to, expEnd[k]); i++)
            {
                input[i] += current[i];
            }
        }
        return delivered;
    }

    private void deposit(final Channel ch, final float f, final float[] input, final int base, final char[] targets,
        final float[] weights, final int begin, final int end, final boolean contiguous)
    {
        switch (ch.kind)
        {
            case CURRENT:
                add(input, base, targets, weights, begin, end, contiguous, f, 1.0f);
                break;
            case EXPONENTIAL:
                add(current, base, targets, weights, begin, end, contiguous, f, 1.0f);
                break;
            default:
                // snn_cpu_module.cpp, generatePostSynapticSpike (P2, P3-1): change = wt * STP_A * u+ * x-;
                // gAMPA += change * mulSynFast, gNMDA += change * mulSynSlow for excitatory sources, and
                // gGABAa -= change * mulSynFast, gGABAb -= change * mulSynSlow for inhibitory ones (negative wt).
                // Here the sign of the weight says which. g - c m is g + c (-m) exactly (IEEE rounding is
                // symmetric), so one loop serves both.
                if (ch.sign > 0)
                {
                    add(gAmpa, base, targets, weights, begin, end, contiguous, f, ch.fast);
                    add(gNmda, base, targets, weights, begin, end, contiguous, f, ch.slow);
                }
                else if (ch.sign < 0)
                {
                    add(gGabaA, base, targets, weights, begin, end, contiguous, f, -ch.fast);
                    add(gGabaB, base, targets, weights, begin, end, contiguous, f, -ch.slow);
                }
                else
                {
                    for (int j = begin; j < end; j++)
                    {
                        final int t = base + targets[j];
                        final float w = weights[j];
                        final float change = w * f;
                        if (w >= 0.0f)
                        {
                            gAmpa[t] += change * ch.fast;
                            gNmda[t] += change * ch.slow;
                        }
                        else
                        {
                            gGabaA[t] -= change * ch.fast;
                            gGabaB[t] -= change * ch.slow;
                        }
                    }
                }
                break;
        }
    }

    /** sums[target] += (w * f) * m over one row; a row of consecutive targets as a plain vector loop. */
    private static void add(final float[] sums, final int base, final char[] targets, final float[] weights,
        final int begin, final int end, final boolean contiguous, final float f, final float m)
    {
        if (contiguous)
        {
            final int offset = base + targets[begin] - begin;
            for (int j = begin; j < end; j++)
            {
                sums[offset + j] += weights[j] * f * m;
            }
        }
        else
        {
            for (int j = begin; j < end; j++)
            {
                sums[base + targets[j]] += weights[j] * f * m;
            }
        }
    }

    /** Step (3): integrates neurons from .. to - 1, those with conductances by {@link #conductanceStep}. */
    void integrate(final Method scheme, final NeuronArrays state, final int from, final int to)
    {
        int i = from;
        for (int k = 0; k < condFirst.length; k++)
        {
            final int lo = Math.max(from, condFirst[k]);
            final int hi = Math.min(to, condEnd[k]);
            if (lo >= hi)
            {
                continue;
            }
            plain(scheme, state, i, lo);
            conductanceStep(scheme, state, condConstants[k], lo, hi);
            i = hi;
        }
        plain(scheme, state, i, to);
    }

    /**
     * Step (3) for a 2007-model population's neurons {@code from .. to - 1}: those with conductances by {@link
     * Izhikevich2007Kernel#stepWithConductances}, the current at each Euler sub-step's v (as CARLsim's
     * globalStateUpdate_CPU computes it for its 9-parameter neurons inside the loop over sub-steps), the others by
     * the kernel alone.
     */
    void integrate2007(final Izhikevich2007Kernel kernel, final NeuronArrays state, final byte[] spiked,
        final int from, final int to)
    {
        int i = from;
        for (int k = 0; k < condFirst.length; k++)
        {
            final int lo = Math.max(from, condFirst[k]);
            final int hi = Math.min(to, condEnd[k]);
            if (lo >= hi)
            {
                continue;
            }
            if (i < lo)
            {
                kernel.step(state, spiked, i, lo);
            }
            kernel.stepWithConductances(state, spiked, lo, hi, synaptic, condCurrents[k]);
            i = hi;
        }
        if (i < to)
        {
            kernel.step(state, spiked, i, to);
        }
    }

    private static void plain(final Method scheme, final NeuronArrays state, final int from, final int to)
    {
        if (from >= to)
        {
            return;
        }
        if (scheme == Method.HALFSTEP)
        {
            NeuronKernel.halfStep(state.v, state.u, state.a, state.b, state.input, from, to);
        }
        else
        {
            NeuronKernel.euler(state.v, state.u, state.a, state.b, state.input, from, to);
        }
    }

    /**
     * The 2003 model's step (net.m's two 0.5 ms half-steps of v and one 1 ms step of u, or one Euler step) with
     * the input plus the conductance current of the v at each sub-step: snn_cpu_module.cpp,
     * globalStateUpdate_CPU (P7), {@code NMDAtmp = (v+80)*(v+80)/60/60; I_sum = -(gAMPA*(v-E_AMPA) +
     * gNMDA*NMDAtmp/(1+NMDAtmp)*(v-E_NMDA) + gGABAa*(v-E_GABAa) + gGABAb*(v-E_GABAb))}, evaluated inside its
     * loop over the sub-steps of 1 ms.
     */
    private void conductanceStep(final Method scheme, final NeuronArrays state, final float[] c,
        final int from, final int to)
    {
        // Five loops over the neurons instead of one: each sub-step's current, then its v update, then u. The
        // same float operations in the same order per neuron (a float stored and read back is the same float),
        // so the same spikes; but loops this small are unrolled and vectorised by C2, the single loop with three
        // divisions per sub-step was not (its body exceeds C2's unrolling limit): 19 ns per neuron scalar
        // against 1.4-4.8 ns split (BENCHMARKS.md, "Conductance network").
        final float[] v = state.v;
        final float[] u = state.u;
        final float[] input = state.input;
        if (scheme == Method.HALFSTEP)
        {
            synapticCurrent(v, c, from, to);
            halfStep(v, u, input, synaptic, from, to);
            synapticCurrent(v, c, from, to);
            halfStep(v, u, input, synaptic, from, to);
        }
        else
        {
            synapticCurrent(v, c, from, to);
            final float[] syn = synaptic;
            for (int i = from; i < to; i++)
            {
                final float vi = v[i];
                v[i] = vi + (0.04f * vi * vi + 5.0f * vi + 140.0f - u[i] + (input[i] + syn[i]));
            }
        }
        final float[] a = state.a;
        final float[] b = state.b;
        for (int i = from; i < to; i++)
        {
            final float ui = u[i];
            u[i] = ui + a[i] * (b[i] * v[i] - ui);
        }
        unstable(scheme == Method.HALFSTEP ? 0.5f : 1.0f, v, from, to);
    }

    /**
     * Marks as blown up (v = a NaN whose bits say why, {@link NumericalBlowUp#UNSTABLE_CONDUCTANCE_BITS}) the neurons
     * whose synaptic conductance g made the step's Euler sub-step of {@code dt} ms unstable, dt g >= 1 (the 2003
     * model's C is 1): each sub-step then carries v past the reversal potentials, further each time (a tester's 2003
     * RS cells under strong inhibitory conductances fired 808 spikes the equations never make, then blew up at 352
     * ms). One pass for the largest g (CARLsim's -90 mV floor hides the same overshoot); the neurons only when it
     * is reached.
     */
    private void unstable(final float dt, final float[] v, final int from, final int to)
    {
        final float[] gA = gAmpa;
        final float[] nmda = nmdaTerm;
        final float[] gGA = gGabaA;
        final float[] gGB = gGabaB;
        float most = 0;
        for (int i = from; i < to; i++)
        {
            most = Math.max(most, gA[i] + nmda[i] + gGA[i] + gGB[i]);
        }
        if (!(dt * most < 1.0f))
        {
            for (int i = from; i < to; i++)
            {
                if (!(dt * (gA[i] + nmda[i] + gGA[i] + gGB[i]) < 1.0f))
                {
                    // The bits say which step it was, so that the line gives the limit that applied.
                    v[i] = dt == 1.0f ? UNSTABLE_CONDUCTANCE_EULER : UNSTABLE_CONDUCTANCE;
                }
            }
        }
    }

    /** One 0.5 ms sub-step of v (net.m) with the input plus the conductance current {@code syn}. */
    private static void halfStep(final float[] v, final float[] u, final float[] input, final float[] syn,
        final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final float vi = v[i];
            v[i] = vi + 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - u[i] + (input[i] + syn[i])));
        }
    }

    /** {@link #synapticCurrent(float, float, float, float, float, float, float, float, float)} of every neuron's v. */
    private void synapticCurrent(final float[] v, final float[] c, final int from, final int to)
    {
        final float eA = c[4];
        final float eN = c[5];
        final float eGA = c[6];
        final float eGB = c[7];
        final float[] gN = gNmda;
        final float[] nmda = nmdaTerm;
        for (int i = from; i < to; i++)
        {
            nmda[i] = nmdaTerm(v[i], gN[i]);
        }
        final float[] gA = gAmpa;
        final float[] gGA = gGabaA;
        final float[] gGB = gGabaB;
        final float[] syn = synaptic;
        for (int i = from; i < to; i++)
        {
            syn[i] = current(v[i], gA[i], nmda[i], gGA[i], gGB[i], eA, eN, eGA, eGB);
        }
    }

    /**
     * -sum g (v - E), NMDA gated by Mg2+: ((v+80)/60)^2 / (1 + ((v+80)/60)^2), in CARLsim's operation order: the
     * composition of {@link #nmdaTerm} and {@link #current}, which {@link #conductanceStep} runs in loops of their own.
     */
    static float synapticCurrent(final float v, final float gA, final float gN, final float gGA, final float gGB,
        final float eA, final float eN, final float eGA, final float eGB)
    {
        return current(v, gA, nmdaTerm(v, gN), gGA, gGB, eA, eN, eGA, eGB);
    }

    /** g_NMDA NMDAtmp / (1 + NMDAtmp) with NMDAtmp = (v+80)*(v+80)/60/60 (snn_cpu_module.cpp, left to right). */
    private static float nmdaTerm(final float v, final float gN)
    {
        final float x = (v + 80.0f) * (v + 80.0f) / 60.0f / 60.0f;
        return gN * x / (1.0f + x);
    }

    /** -(gAMPA (v - E_AMPA) + nmda (v - E_NMDA) + gGABAa (v - E_GABAa) + gGABAb (v - E_GABAb)), summed left to right. */
    private static float current(final float v, final float gA, final float nmda, final float gGA, final float gGB,
        final float eA, final float eN, final float eGA, final float eGB)
    {
        return -(gA * (v - eA) + nmda * (v - eN) + gGA * (v - eGA) + gGB * (v - eGB));
    }

    /**
     * Step (4), after this worker's spikes of {@code step} are in its ring segment: advances the STP state of
     * its own sources from step + 1's point of view, snn_cpu_module.cpp: first the decay of
     * doSTPUpdateAndDecayCond_CPU, {@code u = u-(1 - 1/tau_u); x = x- + (1 - x-)/tau_x}, then for a source that
     * fired firingUpdateSTP, {@code u += U(1 - u-); x -= u+ x-}, and keeps its spike's factor
     * {@code A u+ x-} (generatePostSynapticSpike). Sources {@code from .. to - 1} are this worker's only.
     */
    void afterSpikes(final long step, final SpikeRing ring, final int worker, final int from, final int to)
    {
        final int slot = ring.slotOf(step);
        final int firstFired = ring.segmentStart(worker);
        advance(step, ring.fired(slot), firstFired, firstFired + ring.count(slot, worker), from, to, true);
    }

    /**
     * Under MPI ranks, in a worker's step t + 1: its share {@code from .. to - 1} of the other ranks' sources
     * advanced over step t as their owner's {@link #afterSpikes} did (the ring holds their spikes of step t since
     * that step's exchange), without the factors, which {@link #factorsOfOtherSpikes} set at the exchange. So the
     * other ranks' sources cost each worker a share in its own step, and the exchange only their spikes (worker 0
     * advanced all of them alone between the barrier crossings before).
     */
    void advanceOthers(final long step, final SpikeRing ring, final int from, final int to)
    {
        if (from >= to || step < firstStep)
        {
            return;
        }
        final int slot = ring.slotOf(step);
        for (int segment = 0; segment < ring.segments(); segment++)
        {
            final int lo = Math.max(from, partition.firstNeuron(segment));
            final int hi = Math.min(to, partition.endNeuron(segment));
            if (lo < hi)
            {
                final int firstFired = ring.segmentStart(segment);
                advance(step, ring.fired(slot), firstFired, firstFired + ring.count(slot, segment), lo, hi, false);
            }
        }
    }

    /**
     * Under MPI ranks, at the exchange of step t (one thread, between the barrier crossings): the factor {@code A
     * u+ x-} of each spike of another rank's slice {@code segment}, from its source's u and x after step t - 1,
     * which the workers' {@link #advanceOthers} left there in step t. The same arithmetic as the owner's.
     */
    void factorsOfOtherSpikes(final long step, final SpikeRing ring, final int segment)
    {
        final int slot = ring.slotOf(step);
        final int[] fired = ring.fired(slot);
        final int firstFired = ring.segmentStart(segment);
        final int endFired = firstFired + ring.count(slot, segment);
        for (final Channel ch : channels)
        {
            final Stp stp = ch.stp;
            if (stp == null)
            {
                continue;
            }
            final float[] factor = stp.factor[(int)Math.floorMod(step, (long)stp.factor.length)];
            for (int k = firstFired; k < endFired; k++)
            {
                final int j = fired[k] - stp.first;
                if (j >= 0 && fired[k] < stp.end)
                {
                    factor[j] = stp.a * uAfterSpike(stp, stp.u[j]) * stp.x[j];
                }
            }
        }
    }

    /**
     * The first step the next run starts from after a build or a resume: the state holds every source's update up
     * to the step before it, so {@link #advanceOthers} has nothing left of an earlier step to apply.
     */
    void startAt(final long step)
    {
        firstStep = step;
    }

    /** u+ of a source whose u was {@code uPrev}: decay then the spike's jump, in snn_cpu_module.cpp's order. */
    private static float uAfterSpike(final Stp stp, final float uPrev)
    {
        final float uDecayed = uPrev * (1.0f - stp.tauUInv);
        return uDecayed + stp.bigU * (1.0f - uPrev);
    }

    /**
     * Sources {@code from .. to - 1} of every STP projection advanced over {@code step}, whose spikes are
     * {@code fired[firstFired .. endFired - 1]} (ascending): see {@link #afterSpikes}. With {@code factors}, each
     * spike's factor is kept too.
     */
    private void advance(final long step, final int[] fired, final int firstFired, final int endFired,
        final int from, final int to, final boolean factors)
    {
        for (final Channel ch : channels)
        {
            final Stp stp = ch.stp;
            if (stp == null)
            {
                continue;
            }
            final float[] factor = stp.factor[(int)Math.floorMod(step, (long)stp.factor.length)];
            final float[] su = stp.u;
            final float[] sx = stp.x;
            int k = firstFired;
            for (int s = Math.max(from, stp.first); s < Math.min(to, stp.end); s++)
            {
                final int j = s - stp.first;
                final float uPrev = su[j];
                final float xPrev = sx[j];
                float uNext = uPrev * (1.0f - stp.tauUInv);
                final float xNext = xPrev + (1.0f - xPrev) * stp.tauXInv;
                while (k < endFired && fired[k] < s)
                {
                    k++;
                }
                if (k < endFired && fired[k] == s)
                {
                    uNext = uAfterSpike(stp, uPrev);
                    su[j] = uNext;
                    sx[j] = xNext - uNext * xPrev;
                    if (factors)
                    {
                        factor[j] = stp.a * uNext * xPrev;
                    }
                }
                else
                {
                    su[j] = uNext;
                    sx[j] = xNext;
                }
            }
        }
    }

    /**
     * A hash of the stage's synapses (each matrix as {@link Checkpoint#synapseFingerprint}) and constants
     * (types, multipliers, STP, decay factors, reversal potentials): a checkpoint resumes only the same stage.
     */
    long fingerprint()
    {
        return fingerprint(channelSynapseSums(), channelSynapseCounts());
    }

    /**
     * {@link #fingerprint()} of the stage whose channels' matrices have the given {@link Checkpoint#synapseSum}s
     * and synapse counts: under ranks, each a sum over the ranks, which hold a part of every matrix.
     */
    long fingerprint(final long[] sums, final long[] counts)
    {
        long h = channels.length;
        for (int c = 0; c < channels.length; c++)
        {
            final Channel ch = channels[c];
            h = org.izhsim.network.random.CounterRandom.mix(h ^ Checkpoint.synapseFingerprint(sums[c], counts[c]));
            h = mixFloats(h, ch.kind, ch.fast, ch.slow);
            if (ch.stp != null)
            {
                h = mixFloats(h, ch.stp.bigU, ch.stp.tauUInv, ch.stp.tauXInv, ch.stp.factor.length);
            }
        }
        h = mixFloats(h, expDecay);
        for (int k = 0; k < condFirst.length; k++)
        {
            h = mixFloats(h, condFirst[k], condEnd[k]);
            h = mixFloats(h, condConstants[k]);
        }
        for (int k = 0; k < expFirst.length; k++)
        {
            h = mixFloats(h, expFirst[k], expEnd[k]);
        }
        return h;
    }

    private static long mixFloats(final long seed, final float... values)
    {
        long h = seed;
        for (final float v : values)
        {
            h = org.izhsim.network.random.CounterRandom.mix(h ^ Float.floatToRawIntBits(v) +
                org.izhsim.network.random.CounterRandom.GOLDEN_GAMMA);
        }
        return h;
    }

    /** Per channel, {@link Checkpoint#synapseSum} of this process's part of its matrix. */
    long[] channelSynapseSums()
    {
        final long[] sums = new long[channels.length];
        for (int c = 0; c < channels.length; c++)
        {
            sums[c] = Checkpoint.synapseSum(channels[c].matrix, null);
        }
        return sums;
    }

    /** Per channel, the synapses of this process's part of its matrix. */
    long[] channelSynapseCounts()
    {
        final long[] counts = new long[channels.length];
        for (int c = 0; c < channels.length; c++)
        {
            counts[c] = channels[c].matrix.synapseCount();
        }
        return counts;
    }

    /** Synapses of the stage's matrices. */
    long synapseCount()
    {
        long n = 0;
        for (final Channel ch : channels)
        {
            n += ch.matrix.synapseCount();
        }
        return n;
    }

    long bytes()
    {
        return matrixBytes() + stateBytes();
    }

    /** Bytes of the stage's synapse matrices (under ranks, this rank's targets' only). */
    long matrixBytes()
    {
        long n = 0;
        for (final Channel ch : channels)
        {
            n += ch.matrix.bytes();
        }
        return n;
    }

    /**
     * Bytes of the stage's state: per neuron (or per source for STP), whole on every rank, with the conductance
     * step's two per-neuron scratch arrays, which are not state but are held as long as the stage.
     */
    long stateBytes()
    {
        long n = nmdaTerm == null ? 0 : 4L * (nmdaTerm.length + synaptic.length);
        for (final float[] a : state())
        {
            n += 4L * a.length;
        }
        return n;
    }

    /**
     * Every array of state, in the checkpoint's order: the exponential current, g_AMPA, g_NMDA, g_GABA_A,
     * g_GABA_B (those that exist), then per STP projection u, x and its D factor slots.
     */
    List<float[]> state()
    {
        final List<float[]> arrays = new ArrayList<>();
        for (final float[] a : new float[][] {current, gAmpa, gNmda, gGabaA, gGabaB})
        {
            if (a != null)
            {
                arrays.add(a);
            }
        }
        for (final Channel ch : channels)
        {
            if (ch.stp != null)
            {
                arrays.add(ch.stp.u);
                arrays.add(ch.stp.x);
                for (final float[] f : ch.stp.factor)
                {
                    arrays.add(f);
                }
            }
        }
        return arrays;
    }

    /**
     * For each array of {@link #state()}: what it holds (for messages) and the least and greatest value that a run
     * leaves in it. The exponential current has either sign (none but finiteness). A conductance starts at 0, decays
     * by a factor in [0, 1] (tau >= 1 ms) and grows by w f m >= 0 (an excitatory source's w >= 0 times fast or slow
     * >= 0 into AMPA and NMDA; an inhibitory one's -(w f m) >= 0 into GABA): never below 0. STP's u starts at 0 and x
     * at 1; with U in (0, 1] and both tau >= 1 ms, {@link #advance} keeps both in [0, 1] in float arithmetic too
     * (u (1 - 1/tau_u) <= u, U fl(1 - u) <= 1 - u + 2^-25, which rounds to at most 1; x + fl(1 - x)/tau_x likewise;
     * fl(u+ x-) <= x- <= x+), so a spike's factor A u+ x- lies in [0, A] (A = 1/U); a slot no spike wrote holds 0.
     */
    List<float[]> stateBounds()
    {
        final List<float[]> bounds = new ArrayList<>();
        final float inf = Float.POSITIVE_INFINITY;
        if (current != null)
        {
            bounds.add(new float[] {-inf, inf});
        }
        if (gAmpa != null)
        {
            for (int k = 0; k < 4; k++)
            {
                bounds.add(new float[] {0.0f, inf});
            }
        }
        for (final Channel ch : channels)
        {
            if (ch.stp != null)
            {
                bounds.add(new float[] {0.0f, 1.0f});
                bounds.add(new float[] {0.0f, 1.0f});
                for (int k = 0; k < ch.stp.factor.length; k++)
                {
                    bounds.add(new float[] {0.0f, ch.stp.a});
                }
            }
        }
        return bounds;
    }

    /** For each array of {@link #state()}: its name in messages ("g_AMPA", "STP projection 1's u"). */
    List<String> stateNames()
    {
        final List<String> names = new ArrayList<>();
        if (current != null)
        {
            names.add("exponential current");
        }
        if (gAmpa != null)
        {
            names.addAll(List.of("g_AMPA", "g_NMDA", "g_GABA_A", "g_GABA_B"));
        }
        int stp = 0;
        for (final Channel ch : channels)
        {
            if (ch.stp != null)
            {
                names.add("STP projection " + stp + "'s u");
                names.add("STP projection " + stp + "'s x");
                for (int k = 0; k < ch.stp.factor.length; k++)
                {
                    names.add("STP projection " + stp + "'s spike factor (slot " + k + ")");
                }
                stp++;
            }
        }
        return names;
    }

    /** For each array of {@link #state()}: the neuron that its entry 0 belongs to. */
    int[] stateFirstNeurons()
    {
        final List<Integer> firsts = new ArrayList<>();
        for (final float[] a : new float[][] {current, gAmpa, gNmda, gGabaA, gGabaB})
        {
            if (a != null)
            {
                firsts.add(0);
            }
        }
        for (final Channel ch : channels)
        {
            if (ch.stp != null)
            {
                for (int k = 0; k < 2 + ch.stp.factor.length; k++)
                {
                    firsts.add(ch.stp.first);
                }
            }
        }
        return firsts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * For each array of {@link #state()}: whether every rank of a partitioned run keeps all of it (the STP state
     * of every source, which each rank advances, see {@link RankSlice}) rather than the part of its own neurons
     * (the currents and conductances of its targets).
     */
    boolean[] stateOfEveryRank()
    {
        final int[] firsts = stateFirstNeurons();
        final boolean[] every = new boolean[firsts.length];
        int k = 0;
        for (final float[] a : new float[][] {current, gAmpa, gNmda, gGabaA, gGabaB})
        {
            k += a != null ? 1 : 0;
        }
        for (; k < every.length; k++)
        {
            every[k] = true;
        }
        return every;
    }

    /** Conductances of one neuron {AMPA, NMDA, GABA_A, GABA_B}, for tests; zeros without conductances. */
    float[] conductances(final int neuron)
    {
        return gAmpa == null ? new float[4] :
            new float[] {gAmpa[neuron], gNmda[neuron], gGabaA[neuron], gGabaB[neuron]};
    }

    /** The STP factor A u+ x- of the spike {@code source} fired in {@code step} through channel k, for tests. */
    float stpFactor(final int channel, final long step, final int source)
    {
        final Stp stp = channels[channel].stp;
        return stp.factor[(int)Math.floorMod(step, (long)stp.factor.length)][source - stp.first];
    }

    /** The exponential current of one neuron, for tests; 0 without one. */
    float exponentialCurrent(final int neuron)
    {
        return current == null ? 0.0f : current[neuron];
    }
}
