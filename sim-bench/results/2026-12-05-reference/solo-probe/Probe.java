package org.izhsim.network.engine;
import org.izhsim.network.build.ReferenceNetworks;
public class Probe {
    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        boolean team = a.length > 1 && a[1].equals("team");
        Network n = Network.build(ReferenceNetworks.sparse(10000, 1000, 20).threads(threads));
        if (team) n.sliceClaims().alwaysTeam();
        if (a.length > 1 && a[1].equals("solo")) { try {
            var f = SliceClaims.class.getDeclaredField("adaptive"); f.setAccessible(true); f.setBoolean(n.sliceClaims(), false);
            var g = SliceClaims.class.getDeclaredField("team"); g.setAccessible(true); g.setBoolean(n.sliceClaims(), false);
        } catch (Exception e) { throw new RuntimeException(e); } }
        n.run(2000);
        SliceClaims c = n.sliceClaims();
        long t0 = c == null ? 0 : c.teamSteps(), s0 = c == null ? 0 : c.soloSteps();
        long w = System.nanoTime();
        n.run(3000);
        double rtf = (System.nanoTime() - w) / 3e9;
        System.out.printf("threads=%d rtf=%.4f team=%d solo=%d%n", threads, rtf,
            c == null ? 0 : c.teamSteps() - t0, c == null ? 0 : c.soloSteps() - s0);
        n.close();
    }
}
