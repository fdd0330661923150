import java.nio.file.*;
import java.util.OptionalInt;
import org.izhsim.config.*;
import org.izhsim.network.engine.*;
import org.izhsim.network.synapse.PlasticSynapses;
public class Upd {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0])).withThreads(OptionalInt.of(1));
    Network n = Network.build(NetworkAssembler.builder(c));
    n.discardSpikes();
    n.run(Integer.getInteger("pre", 60000));
    PlasticSynapses p = n.plasticity();
    int blocks = n.synapses().partition().blocks();
    long[] t = new long[400];
    byte[] flush = new byte[64 << 20];
    for (int k = 0; k < 400; k++) {
      if (k >= 200) { for (int i = 0; i < flush.length; i += 64) flush[i]++; }
      long t0 = System.nanoTime(); for (int b = 0; b < blocks; b++) p.updateWeights(b); t[k] = System.nanoTime() - t0;
    }
    long[] hot = java.util.Arrays.copyOfRange(t, 100, 200); long[] cold = java.util.Arrays.copyOfRange(t, 300, 400);
    java.util.Arrays.sort(hot); java.util.Arrays.sort(cold);
    System.out.printf("plastic %d: hot median %.1f us (%.2f ns/syn), after a 64 MB flush median %.1f us (%.2f ns/syn); first call %.1f us%n", p.count(), hot[50] / 1e3, hot[50] / (double) p.count(), cold[50] / 1e3, cold[50] / (double) p.count(), t[0] / 1e3);
  }
}
