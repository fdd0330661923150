package org.izhsim.network.engine;

import java.nio.file.Path;
import org.izhsim.config.*;

/** Probe: the per-step serial cost at the exchange, old (advance every other source) against new (factors of spikes). */
public class StpOthers {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) {
      n.run(300);
      ReceptorStage r = n.receptors();
      var f = Network.class.getDeclaredField("ring"); f.setAccessible(true); SpikeRing ring = (SpikeRing)f.get(n);
      var p = n.synapses().partition();
      int from = p.firstNeuron(1), to = p.endNeuron(1);
      for (int rep = 0; rep < 5; rep++) {
        long t0 = System.nanoTime();
        for (int s = 0; s < 2000; s++) r.afterSpikes(299 - (s % 20), ring, 1, from, to);
        long t1 = System.nanoTime();
        for (int s = 0; s < 2000; s++) r.factorsOfOtherSpikes(299 - (s % 20), ring, 1);
        long t2 = System.nanoTime();
        for (int s = 0; s < 2000; s++) r.advanceOthers(299 - (s % 20), ring, from, to);
        long t3 = System.nanoTime();
        System.out.printf("sources %d: all advanced at the exchange %.2f us; factors of spikes %.3f us; a share advance (here all) %.2f us%n",
          to - from, (t1 - t0) / 2000e3, (t2 - t1) / 2000e3, (t3 - t2) / 2000e3);
      }
    }
  }
}
