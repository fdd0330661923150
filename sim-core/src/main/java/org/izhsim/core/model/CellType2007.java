package org.izhsim.core.model;

/**
 * The cortical and thalamic cell types of Izhikevich 2007, ch. 8, with the book's parameters.
 * <p>
 * Sources, cross-checked: the book (figures named below); izhi2007.m (the MATLAB script that reproduces
 * them); izhi2007b.mod and izhi2007Wrapper.py of ModelDB 39948 (Lytton, Dura-Bernal). All three agree on
 * C, k, vr, vt, vpeak, a, c and on the rules used here, except where noted:
 * <ul>
 * <li>FS: the scripts store vb = -55 in the slot of d and set b = -2, never used; the book's FS has
 * b = 0.025 nS/mV^2, vb = -55 mV, d = 0 (u is not reset). izhi2007.m chooses the cubic branch from
 * v(i+1) but evaluates it at v(i); we evaluate both at the same v.</li>
 * <li>TC, RTN: izhi2007.m chooses b from v(i+1) > -65 and uses it with v(i); the NEURON mod file
 * switches b by WATCH events. We switch on the same v that enters U(v).</li>
 * <li>LTS: izhi2007.m writes {@code if ((u+d)<670)} on the whole u array (a MATLAB slip that compares the
 * vector); the book and the mod file mean min(u + d, 670), which we use.</li>
 * <li>The wrapper scales C by 1/100 to fit NEURON's section area; we keep the book's pF.</li>
 * <li>Spike tests: {@code v >= vpeak} except LTS and TC, whose moving cutoffs are tested with
 * {@code >} in both scripts; mirrored.</li>
 * </ul>
 * Run at their preset currents with forward Euler at 0.25 ms, RS, IB, CH, LTS, TC and RTN give exactly the
 * spike times of the izhi2007.m loop (checked against GNU Octave in the tests): the time-level mixing
 * does not change a spike there. FS agrees on its first spikes and then drifts by up to about 2 ms.
 * <p>
 * Default currents are taken from each type's current range in izhi2007.m (RS 60-100, IB 290-550,
 * CH 200-600, LTS 100-300, FS 73.2-400, TC 50-150, RTN 50-110 pA), choosing a value at which the type
 * fires repeatedly within T. Not every value of those ranges fires: at rest the IB resting state
 * disappears in a saddle-node at I = (k(vt - vr) + b)^2 / 4k = 350 pA, so 290 pA is subthreshold.
 * <p>
 * The late-spiking (LS) interneuron of the book is left out: none of the cross-checked scripts carries it,
 * so its parameters (and whether it needs an extra dendritic variable) could not be pinned to a source.
 */
public enum CellType2007
{
    /** Layer 5 regular spiking pyramidal cell, Fig. 8.12. */
    RS("regular spiking (RS) pyramidal cell", "Fig. 8.12", 520.0, 100.0,
        Izhikevich2007Model.of(100, 0.7, -60, -40, 35, 0.03, -2, -50, 100)),

    /** Layer 5 intrinsically bursting cell, Fig. 8.19. */
    IB("intrinsically bursting (IB) pyramidal cell", "Fig. 8.19", 600.0, 500.0,
        Izhikevich2007Model.of(150, 1.2, -75, -45, 50, 0.01, 5, -56, 130)),

    /** Cat V1 chattering cell, Fig. 8.23. */
    CH("chattering (CH) cell", "Fig. 8.23", 210.0, 400.0,
        Izhikevich2007Model.of(50, 1.5, -60, -40, 25, 0.03, 1, -40, 150)),

    /** Rat barrel cortex low-threshold spiking interneuron, Fig. 8.25: cutoff 40 - 0.1u, reset -53 + 0.04u. */
    LTS("low-threshold spiking (LTS) interneuron", "Fig. 8.25", 320.0, 200.0,
        Izhikevich2007Model.of(100, 1, -56, -42, 40, 0.03, 8, -53, 20)
            .withRecoveryDependentSpike(-0.1, 0.04)
            .withRecoveryCap(670)
            .withPeakTest(PeakTest.ABOVE)),

    /**
     * Rat visual cortex layer 5 fast-spiking interneuron, Fig. 8.27: cubic U(v) above vb = -55. With d = 0
     * the after-spike kick of u comes from the cubic during the upstroke, so FS spike times depend on dt and
     * scheme more than the other types; a scheme that feeds the overshooting new v into u (semi-implicit,
     * half-step) can blow up at dt >= 0.5 ms. The book integrates it with forward Euler at 0.25 ms.
     */
    FS("fast-spiking (FS) interneuron", "Fig. 8.27", 100.0, 200.0,
        Izhikevich2007Model.of(20, 1, -55, -40, 25, 0.2, 0.025, -45, 0)
            .withCubicRecovery(-55)),

    /** Cat dorsal LGN thalamocortical cell, Fig. 8.31: b = 0 above -65 mV, cutoff 35 + 0.1u, reset -60 - 0.1u. */
    TC("thalamocortical (TC) cell", "Fig. 8.31", 650.0, 100.0,
        Izhikevich2007Model.of(200, 1.6, -60, -50, 35, 0.01, 15, -60, 10)
            .withVoltageDependentB(-65, 0)
            .withRecoveryDependentSpike(0.1, -0.1)
            .withPeakTest(PeakTest.ABOVE)),

    /** Rat reticular thalamic nucleus cell, Fig. 8.32: b = 2 above -65 mV, 10 below. */
    RTN("reticular thalamic nucleus (RTN) cell", "Fig. 8.32", 650.0, 70.0,
        Izhikevich2007Model.of(40, 0.25, -65, -45, 0, 0.015, 10, -55, 50)
            .withVoltageDependentB(-65, 2));

    private final String title;
    private final String figure;
    private final double durationMs;
    private final double defaultCurrentPa;
    private final Izhikevich2007Model model;

    CellType2007(
        final String title, final String figure, final double durationMs, final double defaultCurrentPa,
        final Izhikevich2007Model model)
    {
        this.title = title;
        this.figure = figure;
        this.durationMs = durationMs;
        this.defaultCurrentPa = defaultCurrentPa;
        this.model = model;
    }

    public String title()
    {
        return title;
    }

    /**
     * @return the figure of the book that shows this type.
     */
    public String figure()
    {
        return figure;
    }

    /**
     * @return the simulated time that izhi2007.m uses for this type (T).
     */
    public double durationMs()
    {
        return durationMs;
    }

    /**
     * @return a DC step (pA) from the current range of izhi2007.m at which the type fires.
     */
    public double defaultCurrentPa()
    {
        return defaultCurrentPa;
    }

    public Izhikevich2007Model model()
    {
        return model;
    }
}
