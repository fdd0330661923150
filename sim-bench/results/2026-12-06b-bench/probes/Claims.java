package org.izhsim.network.engine;

import java.nio.file.Path;
import org.izhsim.config.*;

/** A network at 2 threads, fresh per rep: wall time per step and the chooser's team and solo steps. */
public class Claims {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    int steps = Integer.parseInt(a[1]);
    for (int rep = 0; rep < 8; rep++) {
      try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) {
        long t0 = System.nanoTime();
        n.run(steps);
        long t1 = System.nanoTime();
        System.out.printf("rep %d: %.3f us/step team %d solo %d%n", rep, (t1 - t0) / 1e3 / steps, n.sliceClaims().teamSteps(), n.sliceClaims().soloSteps());
      }
    }
  }
}
