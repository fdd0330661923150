package org.izhsim.network.engine;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.izhsim.config.*;
import org.izhsim.network.synapse.PlasticSynapses;

/** Per-phase wall time of one worker's step (1 thread), the phases Worker.step runs for a plastic network. */
public class Phases2 {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    int steps = Integer.parseInt(a[1]);
    for (int rep = 0; rep < 6; rep++) {
      Network n = Network.build(NetworkAssembler.builder(c.withThreads(OptionalInt.of(1))));
      StepKernels k = StepKernels.of(n);
      PlasticSynapses p = n.plasticity();
      int N = n.neurons(); int blocks = n.synapses().partition().blocks();
      long[] ph = new long[5]; long dec = 0; long[] cp = new long[5]; long events = 0; long spikes = 0;
      for (long t = 0; t < steps; t++) {
        long q0 = System.nanoTime();
        k.driveInput(t);
        long q1 = System.nanoTime();
        events += k.deliverSpikes(t);
        long q2 = System.nanoTime();
        k.integrate();
        long q3 = System.nanoTime();
        p.decayTraces(0, N, t); long q35 = System.nanoTime(); dec += q35 - q3;
        if (p.updatesAfter(t)) for (int b = 0; b < blocks; b++) p.updateWeights(b);
        long q4 = System.nanoTime();
        spikes += k.detectAndReset(t);
        long q5 = System.nanoTime();
        if (rep == 5 && (t + 1) % 5000 == 0) { double s = 5e3 * 1e3; System.out.printf("chunk %d input %.2f deliver %.2f integ %.2f decay+update %.2f detect+pot %.2f total %.2f%n", (t + 1) / 5000, cp[0] / s, cp[1] / s, cp[2] / s, cp[3] / s, cp[4] / s, (cp[0]+cp[1]+cp[2]+cp[3]+cp[4]) / s); java.util.Arrays.fill(cp, 0); } cp[0] += q1 - q0; cp[1] += q2 - q1; cp[2] += q3 - q2; cp[3] += q4 - q3; cp[4] += q5 - q4; if (t >= 3000) { ph[0] += q1 - q0; ph[1] += q2 - q1; ph[2] += q3 - q2; ph[3] += q4 - q3; ph[4] += q5 - q4; }
      }
      double m = steps - 3000;
      System.out.printf("rep %d spikes %d events %d decayonly %.3f us/step: input %.3f deliver %.3f integrate %.3f decay+update %.3f detect+potentiate %.3f total %.3f%n",
        rep, spikes, events, dec/1e3/steps, ph[0] / 1e3 / m, ph[1] / 1e3 / m, ph[2] / 1e3 / m, ph[3] / 1e3 / m, ph[4] / 1e3 / m, (ph[0]+ph[1]+ph[2]+ph[3]+ph[4]) / 1e3 / m);
      n.close();
    }
  }
}
