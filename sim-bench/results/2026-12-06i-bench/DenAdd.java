public class DenAdd {
  static float add(float[] sd, float[] src, int[] idx, int n) {
    for (int k = 0; k < n; k++) sd[idx[k]] += src[idx[k] & 1023];
    return sd[0];
  }
  static float mul(float[] sd, float[] src, int n) {
    for (int k = 0; k < n; k++) sd[k] = src[k] * 0.5f + sd[k];
    return sd[0];
  }
  public static void main(String[] a) {
    int n = 4000; java.util.Random r = new java.util.Random(3);
    int[] idx = new int[n]; for (int k = 0; k < n; k++) idx[k] = r.nextInt(80000);
    for (float v : new float[]{0.01f, Float.MIN_VALUE * 10, 0.01f, Float.MIN_VALUE * 10}) {
      float[] src = new float[1024]; java.util.Arrays.fill(src, v);
      float[] sd = new float[80000]; for (int k = 0; k < sd.length; k++) sd[k] = (r.nextFloat() - 0.5f);
      long best = Long.MAX_VALUE, bestm = Long.MAX_VALUE;
      for (int rep = 0; rep < 20000; rep++) {
        long t0 = System.nanoTime(); add(sd, src, idx, n); long t1 = System.nanoTime();
        if (rep > 5000) best = Math.min(best, t1 - t0);
      }
      float[] s2 = new float[n]; float[] d2 = new float[n];
      java.util.Arrays.fill(d2, v); 
      for (int rep = 0; rep < 20000; rep++) {
        java.util.Arrays.fill(s2, v);
        long t0 = System.nanoTime(); mul(s2, d2, n); long t1 = System.nanoTime();
        if (rep > 5000) bestm = Math.min(bestm, t1 - t0);
      }
      System.out.printf("value %g: add %.2f ns per synapse, mul+add %.2f ns%n", v, best / (double) n, bestm / (double) n);
    }
  }
}
