import java.nio.file.*;
import java.util.OptionalInt;
import org.izhsim.config.*;
import org.izhsim.network.engine.*;
public class Slices {
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0])).withThreads(OptionalInt.of(Integer.parseInt(a[1])));
    int steps = Integer.parseInt(a[2]); int reps = Integer.getInteger("reps", 4); int T = Integer.parseInt(a[1]);
    for (int rep = 0; rep < reps; rep++) {
      var bld = NetworkAssembler.builder(c); String is = System.getProperty("idle", "default");
      if (is.equals("spin")) bld.idleStrategy(() -> new org.agrona.concurrent.BusySpinIdleStrategy());
      if (is.equals("nopark")) bld.idleStrategy(() -> new org.agrona.concurrent.BackoffIdleStrategy(2000, 1000000000L, 1000, 100000));
      Network n = Network.build(bld);
      String mode = System.getProperty("mode", "adapt");
      if (T > 1) { java.lang.reflect.Field cf = Network.class.getDeclaredField("claims"); cf.setAccessible(true); Object cl = cf.get(n);
        if (mode.equals("solo")) { for (String f : new String[]{"adaptive", "team"}) { java.lang.reflect.Field x = cl.getClass().getDeclaredField(f); x.setAccessible(true); x.set(cl, false); } }
        if (mode.equals("team")) { java.lang.reflect.Method m = cl.getClass().getDeclaredMethod("alwaysTeam"); m.setAccessible(true); m.invoke(cl); } }
      long[] PROBE = new long[64];
      Object clx = null; java.lang.reflect.Field ff = null; if (T > 1) { java.lang.reflect.Field cf2 = Network.class.getDeclaredField("claims"); cf2.setAccessible(true); clx = cf2.get(n); ff = clx.getClass().getDeclaredField("foreign"); ff.setAccessible(true); }
      long t0 = System.nanoTime(); n.run(steps); long t1 = System.nanoTime();
      if (clx != null) { long[] fo = (long[]) ff.get(clx); System.out.print("foreign " + java.util.Arrays.toString(fo) + " "); }
      StringBuilder sb = new StringBuilder();
      for (int w = 0; w < T; w++) sb.append(String.format(" slice%d %.2f", w, PROBE[w * 16] / 1e3 / steps));
      System.out.printf("rep %d wall %.2f us/step:%s%n", rep, (t1 - t0) / 1e3 / steps, sb);
      n.close();
    }
  }
}
