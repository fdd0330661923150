package org.izhsim.network.engine;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.izhsim.config.*;
import org.izhsim.network.record.*;

public class Ph {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0])).withThreads(OptionalInt.of(1));
    int steps = Integer.parseInt(a[1]);
    for (int rep = 0; rep < 6; rep++) {
      Network n = Network.build(NetworkAssembler.builder(c));
      Worker w = n.workers()[0];
      w.dynamicsOnly = Boolean.getBoolean("dyn");
      SpikeRecorder rec = SpikeRecorder.discarding(1 << 16); long[] cnt = new long[1]; SpikeRing ring = n.spikeRing();
      w.prepareRun(rec, new Traces(new int[0], 1), new int[0]);
      long[] ph = new long[4];
      for (int t = 0; t < steps; t++) {
        long q0 = System.nanoTime();
        w.driveInput(t);
        long q1 = System.nanoTime();
        w.deliverSpikes(t);
        long q2 = System.nanoTime();
        w.integrate();
        long q3 = System.nanoTime();
        w.detectAndReset(t); cnt[0] += ring.count(ring.slotOf(t), 0);
        long q4 = System.nanoTime();
        ph[0] += q1 - q0; ph[1] += q2 - q1; ph[2] += q3 - q2; ph[3] += q4 - q3;
      }
      System.out.printf("rep %d spikes %d: drive %.3f deliver %.3f integrate %.3f detect %.3f total %.3f us/step%n", rep, cnt[0],
        ph[0] / 1e3 / steps, ph[1] / 1e3 / steps, ph[2] / 1e3 / steps, ph[3] / 1e3 / steps, (ph[0] + ph[1] + ph[2] + ph[3]) / 1e3 / steps);
      n.close();
    }
  }
}
