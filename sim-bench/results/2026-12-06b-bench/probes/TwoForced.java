// Throw-away probe (BENCHMARKS.md, "Where it stands after the twelfth session"); compile and run as One.java says.
package org.izhsim.network.engine;

import java.nio.file.Path;
import org.izhsim.config.*;

public class TwoForced {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    int reps = Integer.parseInt(a[1]);
    StringBuilder sb = new StringBuilder();
    for (int rep = 0; rep < reps; rep++) {
      try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) { n.pipeline().forceMode(1);
        long t0 = System.nanoTime();
        n.run(60000);
        long t1 = System.nanoTime();
        System.out.printf("rep %d: %.3f us/step pipelined %d alone %d%n", rep, (t1 - t0) / 6e7, n.pipeline().pipelinedSteps(), n.pipeline().aloneSteps());
      }
    }
  }
}
