package org.izhsim.network.engine;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.izhsim.config.*;
import org.izhsim.network.record.*;
import org.izhsim.network.synapse.*;

public class Pipe {
  static long checksum(Network n) {
    SynapseMatrix m = n.synapses(); long h = 0;
    for (int b = 0; b < m.partition().blocks(); b++) for (float w : m.weights(b)) h = h * 31 + Float.floatToRawIntBits(w);
    return h;
  }
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0])).withThreads(OptionalInt.of(1));
    int steps = Integer.parseInt(a[1]); int L = Integer.getInteger("ringLead", 0);
    for (int rep = 0; rep < Integer.getInteger("reps", 6); rep++) {
      boolean pipe = rep % 2 == 1;
      Network n = Network.build(NetworkAssembler.builder(c));
      Worker w = n.workers()[0];
      SpikeRecorder rec = SpikeRecorder.discarding(1 << 16); long[] cnt = new long[1]; SpikeRing ring = n.spikeRing();
      w.prepareRun(rec, new Traces(new int[0], 1), new int[0]);
      PlasticSynapses p = n.plasticity();
      long t0 = System.nanoTime();
      if (!pipe) {
        for (int t = 0; t < steps; t++) { w.step(t, t); cnt[0] += ring.count(ring.slotOf(t), 0); }
      } else {
        w.dynamicsOnly = true;
        long[] waitU = new long[1], waitL = new long[1]; AtomicLong aDone = new AtomicLong(-1), bDone = new AtomicLong(-1);
        Thread b = new Thread(() -> {
          for (int t = 0; t < steps; t++) {
            while (aDone.get() < t) Thread.onSpinWait();
            w.plasticStep(t);
            bDone.set(t);
          }
        });
        b.start();
        for (int t = 0; t < steps; t++) {
          long q0 = System.nanoTime();
          if (t > 0 && p.updatesAfter(t - 1)) { while (bDone.get() < t - 1) Thread.onSpinWait(); }
          long q1 = System.nanoTime(); waitU[0] += q1 - q0;
          while (t >= bDone.get() + 2 + L) Thread.onSpinWait();
          waitL[0] += System.nanoTime() - q1;
          w.step(t, t); cnt[0] += ring.count(ring.slotOf(t), 0);
          aDone.set(t);
        }
        b.join(); System.out.printf("  A waits: update %.3f lead %.3f us/step%n", waitU[0] / 1e3 / steps, waitL[0] / 1e3 / steps);
      }
      long t1 = System.nanoTime();
      System.out.printf("%s rep %d: %.3f us/step spikes %d weights %x%n", pipe ? "pipe" : "one ", rep, (t1 - t0) / 1e3 / steps, cnt[0], checksum(n));
      n.close();
    }
  }
}
