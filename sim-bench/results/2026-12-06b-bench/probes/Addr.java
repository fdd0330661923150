package org.izhsim.network.engine;

import java.lang.reflect.Field;
import java.nio.file.Path;
import org.izhsim.config.*;
import org.openjdk.jol.vm.VM;

/** Per build of cortex2003 at 2 threads: team speed of a measured run and the addresses of the per-worker hot objects. */
public class Addr {
  static Object get(Object o, String f) throws Exception { Field x = o.getClass().getDeclaredField(f); x.setAccessible(true); return x.get(o); }
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    for (int rep = 0; rep < 40; rep++) {
      try (Network n = Network.build(NetworkAssembler.builder(c).threads(2))) {
        n.sliceClaims().alwaysTeam();
        n.run(1000);
        long t0 = System.nanoTime();
        n.run(2000);
        long t1 = System.nanoTime();
        Worker[] w = (Worker[])get(n, "workers");
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"spikes"}) {
          long a0 = VM.current().addressOf(get(w[0], f)), a1 = VM.current().addressOf(get(w[1], f));
          sb.append(String.format(" %s d=%d line0=%d line1=%d", f, a1 - a0, a0 / 64, a1 / 64));
        }
        long w0 = VM.current().addressOf(w[0]), w1 = VM.current().addressOf(w[1]);
        sb.append(String.format(" workers d=%d", w1 - w0));
        if (rep >= 20) System.out.printf("rep %d: %.3f us/step%s%n", rep, (t1 - t0) / 2e6, sb);
      }
    }
  }
}
