import java.nio.file.*;
import java.util.OptionalInt;
import org.izhsim.config.*;
import org.izhsim.network.engine.*;
public class Chunks {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    int threads = Integer.parseInt(a[1]); int chunk = Integer.parseInt(a[2]); int chunks = Integer.parseInt(a[3]);
    int reps = Integer.getInteger("reps", 4);
    for (int rep = 0; rep < reps; rep++) {
      Network n = Network.build(NetworkAssembler.builder(c.withThreads(OptionalInt.of(threads))));
      n.discardSpikes();
      if (!Boolean.getBoolean("fromzero")) n.run(3000);
      StringBuilder sb = new StringBuilder("rep " + rep + ":");
      for (int k = 0; k < chunks; k++) { long t0 = System.nanoTime(); var r = n.run(chunk); long t1 = System.nanoTime(); sb.append(String.format(" %.1f/%.0f", (t1 - t0) / 1e3 / chunk, r.synapticEvents() / (double) chunk)); }
      System.out.println(sb);
      n.close();
    }
  }
}
