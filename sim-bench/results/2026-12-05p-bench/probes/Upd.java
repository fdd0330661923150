package org.izhsim.network.engine;

import java.nio.file.Path;
import org.izhsim.config.*;
import org.izhsim.network.synapse.PlasticSynapses;

public class Upd {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    try (Network n = Network.build(NetworkAssembler.builder(c).threads(1))) {
      n.run(2000);
      PlasticSynapses p = n.plasticity();
      for (int rep = 0; rep < 10; rep++) {
        long t0 = System.nanoTime();
        for (int k = 0; k < 1000; k++) { if (a[1].equals("da")) p.updateWeights(0, 0.0); else p.updateWeights(0); }
        long t1 = System.nanoTime();
        System.out.printf("%.1f us per update (%.2f ns per synapse)%n", (t1 - t0) / 1e3 / 1000, (t1 - t0) / 1000.0 / p.count());
      }
      long t0 = System.nanoTime(); n.run(10000); long t1 = System.nanoTime();
      System.out.printf("run: %.1f us per step%n", (t1 - t0) / 1e3 / 10000);
    }
  }
}
