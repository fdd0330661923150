import java.lang.reflect.*;
import java.nio.file.*;
import java.util.OptionalInt;
import org.izhsim.config.*;
import org.izhsim.network.engine.*;


public class Harness {
  static Object claims(Network n) throws Exception { Field f = Network.class.getDeclaredField("claims"); f.setAccessible(true); return f.get(n); }
  static Object call(Object o, String m) throws Exception { Method x = o.getClass().getDeclaredMethod(m); x.setAccessible(true); return x.invoke(o); }
  static void set(Object o, String f, Object v) throws Exception { Field x = o.getClass().getDeclaredField(f); x.setAccessible(true); x.set(o, v); }
  public static void main(String[] a) throws Exception {
    ExperimentConfig c = ExperimentLoader.load(Path.of(a[0]));
    int threads = Integer.parseInt(a[1]); String mode = a.length > 2 ? a[2] : "adapt"; int steps = a.length > 3 ? Integer.parseInt(a[3]) : 20000;
    int reps = Integer.getInteger("reps", 4); Object[] keep = new Object[64];
    for (int rep = 0; rep < reps; rep++) {
      keep[rep] = new byte[Integer.getInteger("pad", 0) * rep];
      Network n = Network.build(NetworkAssembler.builder(c.withThreads(OptionalInt.of(threads))));
      n.discardSpikes();
      Object cl = threads > 1 ? claims(n) : null;
      if (cl != null && mode.equals("team")) call(cl, "alwaysTeam");
      if (cl != null && mode.equals("solo")) { set(cl, "adaptive", false); set(cl, "team", false); }
      if (!Boolean.getBoolean("fromzero")) n.run(3000);
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean(); long c0 = mx.getCurrentThreadCpuTime(); long t0 = System.nanoTime();
      var res = n.run(steps);
      long t1 = System.nanoTime(); long c1 = mx.getCurrentThreadCpuTime();
      System.out.printf("rep=%d %s threads=%d mode=%s events=%d us/step=%.3f cpu/step=%.3f team=%s solo=%s%n", rep, a[0], threads, mode, res.synapticEvents(), (t1 - t0) / 1e3 / steps, (c1 - c0) / 1e3 / steps,
        cl == null ? "-" : call(cl, "teamSteps"), cl == null ? "-" : call(cl, "soloSteps"));
      if (Boolean.getBoolean("twice")) { long u0 = System.nanoTime(); n.run(steps); long u1 = System.nanoTime(); System.out.printf("  second window us2/step=%.3f%n", (u1 - u0) / 1e3 / steps); }
      n.close();
    }
  }
}
