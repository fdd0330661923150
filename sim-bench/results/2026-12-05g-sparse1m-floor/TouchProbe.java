package org.izhsim.network.engine;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import org.izhsim.config.ExperimentLoader;
import org.izhsim.config.NetworkAssembler;
public class TouchProbe {
    public static void main(String[] a) throws Exception {
        String cfg = a[0]; int threads = Integer.parseInt(a[1]); int samples = Integer.parseInt(a[2]); int steps = Integer.parseInt(a[3]);
        var config = ExperimentLoader.load(Path.of(cfg));
        Network n = Network.build(NetworkAssembler.builder(config).threads(threads));
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        boolean fixed = a.length > 4; boolean fixedValue = Worker.TOUCH_ON;
        if (fixed) { n.run(600); }
        else { int warm = Integer.getInteger("warm", 300); Worker.TOUCH_ON = true; n.run(warm); Worker.TOUCH_ON = false; n.run(warm); }
        double[][] rtf = new double[2][samples]; double[][] cpu = new double[2][samples];
        for (int s = 0; s < samples; s++) {
            for (int v = 0; v < 2; v++) {
                int var = (s % 2 == 0) ? v : 1 - v;
                if (fixed) { if (v == 1) continue; var = 0; } else
                Worker.TOUCH_ON = var == 1;
                long c0 = bean.getProcessCpuTime(); long w = System.nanoTime();
                n.run(steps);
                rtf[var][s] = (System.nanoTime() - w) / (steps * 1e6);
                cpu[var][s] = (bean.getProcessCpuTime() - c0) / (steps * 1e6);
            }
        }
        for (int v = 0; v < (fixed ? 1 : 2); v++) {
            double[] r = rtf[v].clone(), c = cpu[v].clone(); java.util.Arrays.sort(r); java.util.Arrays.sort(c);
            System.out.printf("%s threads=%d rtf median %.3f min %.3f | cpu ms/step median %.3f min %.3f%n", fixed ? "fixed binned=" + fixedValue : v == 1 ? "touch   " : "no touch", threads, r[samples/2], r[0], c[samples/2], c[0]);
        }
        double[] pr = new double[samples]; StringBuilder sb = new StringBuilder(); for (int s = 0; s < samples; s++) { pr[s] = rtf[1][s] / rtf[0][s]; sb.append(String.format(" %.0f/%.0f", rtf[1][s], rtf[0][s])); } System.out.println("pairs touch/no-touch:" + sb); System.out.printf("ratio touch/no-touch rtf median %.3f, median of pair ratios %.3f%n", med(rtf[1]) / med(rtf[0]), med(pr));
        n.close();
    }
    static double med(double[] x) { double[] y = x.clone(); java.util.Arrays.sort(y); return y[y.length/2]; }
}
