// Throw-away probe (BENCHMARKS.md, "Where it stands after the twelfth session"): spnet2006 built afresh N times in one
// JVM, 60,000 steps each, wall time per step. javac -d /tmp/p -cp sim-network/target/izhsim.jar One.java; java -Xmn64m
// -XX:+UseParallelGC -cp /tmp/p:sim-network/target/izhsim.jar org.izhsim.network.engine.One configs/spnet2006.yaml 6 [threads]
package org.izhsim.network.engine;

import java.nio.file.Path;
import org.izhsim.config.*;

public class One {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    int reps = Integer.parseInt(a[1]);
    int threads = a.length > 2 ? Integer.parseInt(a[2]) : 1;
    for (int rep = 0; rep < reps; rep++) {
      try (Network n = Network.build(NetworkAssembler.builder(c).threads(threads))) {
        long t0 = System.nanoTime();
        n.run(60000);
        long t1 = System.nanoTime();
        System.out.printf("rep %d: %.3f us/step%n", rep, (t1 - t0) / 6e7);
      }
    }
  }
}
