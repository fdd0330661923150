import java.nio.file.*;
import java.util.OptionalInt;
import org.izhsim.config.*;
import org.izhsim.network.engine.*;
public class BenchLike {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0])).withThreads(OptionalInt.of(Integer.parseInt(a[1])));
    int steps = Integer.parseInt(a[2]); int reps = Integer.getInteger("reps", 4);
    StringBuilder sb = new StringBuilder();
    for (int rep = 0; rep < reps; rep++) {
      System.gc();
      Network n = Network.build(NetworkAssembler.builder(c));
      long s = System.nanoTime(); while (System.nanoTime() - s < 2_000_000_000L) n.run(1000);
      n.close(); System.gc();
      n = Network.build(NetworkAssembler.builder(c));
      long t0 = System.nanoTime(); n.run(steps); long t1 = System.nanoTime();
      sb.append(String.format(" %.2f", (t1 - t0) / 1e3 / steps));
      n.close();
    }
    System.out.println(a[0] + " threads " + a[1] + " us/step:" + sb);
  }
}
