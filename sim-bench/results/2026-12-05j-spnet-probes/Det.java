public class Det {
  static int scan(float[] v, int from, int to, int[] out) { int n = 0; for (int i = from; i < to; i++) { if (!(v[i] < 30.0f)) { out[n++] = i; } } return n; }
  static int chunked(float[] v, int from, int to, int[] out) {
    int n = 0; int i = from;
    for (; i + 16 <= to; i += 16) {
      float m = v[i];
      for (int k = 1; k < 16; k++) m = Math.max(m, v[i + k]);
      if (!(m < 30.0f)) { for (int k = i; k < i + 16; k++) if (!(v[k] < 30.0f)) out[n++] = k; }
    }
    for (; i < to; i++) if (!(v[i] < 30.0f)) out[n++] = i;
    return n;
  }
  static int chunked2(float[] v, int from, int to, int[] out) {
    int n = 0; int i = from;
    for (; i + 32 <= to; i += 32) {
      int any = 0;
      for (int k = 0; k < 32; k++) any |= v[i + k] >= 30.0f ? 1 : 0;
      if (any != 0) { for (int k = i; k < i + 32; k++) if (!(v[k] < 30.0f)) out[n++] = k; }
    }
    for (; i < to; i++) if (!(v[i] < 30.0f)) out[n++] = i;
    return n;
  }
  public static void main(String[] a) {
    java.util.Random r = new java.util.Random(1); int N = 1000; float[][] vs = new float[512][N];
    for (float[] v : vs) for (int i = 0; i < N; i++) v[i] = r.nextDouble() < 0.0055 ? 35f : -65f + 30f * r.nextFloat();
    int[] out = new int[N]; long sink = 0;
    for (int round = 0; round < 5; round++) for (int m = 0; m < 3; m++) {
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < 200; rep++) { long t0 = System.nanoTime(); for (float[] v : vs) sink += m == 0 ? scan(v, 0, N, out) : m == 1 ? chunked(v, 0, N, out) : chunked2(v, 0, N, out); best = Math.min(best, System.nanoTime() - t0); }
      if (round == 4) System.out.printf("m%d %.3f us per scan%n", m, best / 1e3 / vs.length);
    }
    System.out.println(sink);
  }
}
