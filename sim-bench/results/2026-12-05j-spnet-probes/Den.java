public class Den {
  static void decay(float[] ltp, int now, int next, float[] ltd, int n, double dp, double dm) {
    for (int i = 0; i < n; i++) { ltp[next + i] = (float)(dp * ltp[now + i]); ltd[i] = (float)(ltd[i] * dm); }
  }
  public static void main(String[] a) {
    int n = 1000; int slots = 21;
    for (double frac : new double[]{0, 0.1, 0.5, 1.0}) {
      float[] ltp = new float[slots * n]; float[] ltd = new float[n];
      java.util.Random r = new java.util.Random(1);
      for (int i = 0; i < n; i++) { boolean den = r.nextDouble() < frac; float v = den ? Float.MIN_VALUE * 10 : 0.05f; for (int s = 0; s < slots; s++) ltp[s * n + i] = v; ltd[i] = den ? Float.MIN_VALUE * 10 : 0.06f; }
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < 20000; rep++) {
        long t0 = System.nanoTime();
        int now = (rep % slots) * n, next = ((rep + 1) % slots) * n;
        decay(ltp, now, next, ltd, n, 0.95, 0.95);
        // keep values from decaying: restore
        long t1 = System.nanoTime();
        if (rep > 5000) best = Math.min(best, t1 - t0);
        if (frac == 0) { } 
        for (int i = 0; i < n; i++) { if (ltd[i] < 1e-3f && ltd[i] > 1e-30f) ltd[i] = 0.06f; if (ltp[next+i] < 1e-3f && ltp[next+i] > 1e-30f) ltp[next+i] = 0.05f; }
      }
      System.out.printf("denormal fraction %.1f: best %.3f us%n", frac, best / 1e3);
    }
  }
}
