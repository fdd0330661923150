package org.izhsim.network.engine;

import java.nio.file.Path;
import org.izhsim.config.*;

public class Mode {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    for (int rep = 0; rep < 8; rep++) {
      int force = rep % 2 == 0 ? 0 : 1;
      try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) {
        n.pipeline().forceMode(force);
        long t0 = System.nanoTime();
        n.run(60000);
        long t1 = System.nanoTime();
        System.out.printf("force %d: %.3f us/step pipelined %d alone %d%n", force, (t1 - t0) / 6e7, n.pipeline().pipelinedSteps(), n.pipeline().aloneSteps());
      }
    }
  }
}
