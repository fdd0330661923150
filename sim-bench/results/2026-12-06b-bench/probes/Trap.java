// Throw-away probe (BENCHMARKS.md, "Where it stands after the twelfth session"); compile and run as One.java says.
package org.izhsim.network.engine;

import java.lang.reflect.Field;
import java.nio.file.Path;
import org.izhsim.config.*;

/** The chooser put in the state "alone, team trial next" at a run's start; how many steps stay alone. */
public class Trap {
  static void set(Object o, String f, Object v) throws Exception { Field x = o.getClass().getDeclaredField(f); x.setAccessible(true); x.set(o, v); }
  static Object get(Object o, String f) throws Exception { Field x = o.getClass().getDeclaredField(f); x.setAccessible(true); return x.get(o); }
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    for (int rep = 0; rep < 14; rep++) {
      try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) {
        PlasticityPipeline p = n.pipeline();
        if (rep >= 6) {
          // 5,000 steps alone (the plasticity thread parks), then the chooser in "alone, trial of the team next".
          p.forceMode(2);
          n.run(5000);
          p.forceMode(0);
          Object ch = get(p, "chooser");
          set(ch, "team", false); set(ch, "trial", false); set(ch, "stay", 1); set(ch, "windowsLeft", 1);
          double[] nps = (double[])get(ch, "nanosPerStep"); nps[0] = 4400; nps[1] = 2600;
        }
        long a0 = p.aloneSteps(), p0 = p.pipelinedSteps();
        long t0 = System.nanoTime();
        n.run(60000);
        long t1 = System.nanoTime();
        System.out.printf("rep %d: %.3f us/step pipelined %d alone %d%n", rep, (t1 - t0) / 6e7, p.pipelinedSteps() - p0, p.aloneSteps() - a0);
      }
    }
  }
}
