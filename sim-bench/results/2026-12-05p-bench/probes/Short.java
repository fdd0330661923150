package org.izhsim.network.engine;

import java.nio.file.Path;
import org.izhsim.config.*;

public class Short {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) {
      long t0 = System.nanoTime(); while (System.nanoTime() - t0 < 2e9) n.run(1000);
    }
    for (int rep = 0; rep < 6; rep++) {
      try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) {
        long t0 = System.nanoTime();
        n.run(1000);
        long t1 = System.nanoTime();
        System.out.printf("%.2f us/step pipelined %d alone %d%n", (t1 - t0) / 1e3 / 1000, n.pipeline().pipelinedSteps(), n.pipeline().aloneSteps());
      }
    }
  }
}
