import java.util.*;
public class Pot {
  static final int N = 1000, NE = 800, D = 20, M = 100, SLOTS = D + 1, W = NE;
  static int[] start = new int[N + 1]; static int[] entry; static float[] sd; static float[] ltp = new float[SLOTS * W];
  static final int PB = 17, DB = 5;
  static float sink;
  static void v0(int t, int now) {
    final int pm = (1 << PB) - 1, dm = (1 << DB) - 1;
    for (int e = start[t]; e < start[t + 1]; e++) {
      int x = entry[e]; int key = x >>> PB; int slot = now - 1 - (key & dm); slot += slot >> 31 & SLOTS;
      sd[x & pm] += ltp[slot * W + (key >>> DB)];
    }
  }
  static float[] tmp = new float[4096];
  static void v1(int t, int now) {
    final int pm = (1 << PB) - 1, dm = (1 << DB) - 1;
    int b = start[t], n = start[t + 1] - b;
    for (int k = 0; k < n; k++) {
      int x = entry[b + k]; int key = x >>> PB; int slot = now - 1 - (key & dm); slot += slot >> 31 & SLOTS;
      tmp[k] = ltp[slot * W + (key >>> DB)];
    }
    for (int k = 0; k < n; k++) { sd[entry[b + k] & pm] += tmp[k]; }
  }
  static float acc;
  static void v2(int t, int now) {
    final int pm = (1 << PB) - 1;
    for (int e = start[t]; e < start[t + 1]; e++) { sd[entry[e] & pm] += 0.01f; }
  }
  static void v3(int t, int now) {
    final int dm = (1 << DB) - 1; float s = 0;
    for (int e = start[t]; e < start[t + 1]; e++) { int key = entry[e] >>> PB; int slot = now - 1 - (key & dm); slot += slot >> 31 & SLOTS; s += ltp[slot * W + (key >>> DB)]; }
    acc += s;
  }
  static void v4(int t, int now) {
    final int pm = (1 << PB) - 1; float s = 0;
    for (int e = start[t]; e < start[t + 1]; e++) { s += sd[entry[e] & pm]; }
    acc += s;
  }
  static float[] sdT;
  static void v5(int t, int now) {
    final int dm = (1 << DB) - 1;
    for (int e = start[t]; e < start[t + 1]; e++) {
      int key = entry[e] >>> PB; int slot = now - 1 - (key & dm); slot += slot >> 31 & SLOTS;
      sdT[e] += ltp[slot * W + (key >>> DB)];
    }
  }
  static int[] poll = new int[1 << 20]; static int[] pidx; static long psum;
  static void pollute(int step) { int b = (step * 613) & 4095; for (int i = 0; i < 600; i++) psum += poll[pidx[(b + i) & 4095]]++; }
  static int[] setT = new int[SLOTS * W]; static float[] table = new float[4096];
  static void v7(int t, int now) {
    final int pm = (1 << PB) - 1, dm = (1 << DB) - 1;
    final int T = t0base + now;
    for (int e = start[t]; e < start[t + 1]; e++) {
      int x = entry[e]; int key = x >>> PB; int d1 = key & dm; int slot = now - 1 - d1; slot += slot >> 31 & SLOTS;
      int age = T - 1 - d1 - setT[slot * W + (key >>> DB)];
      int idx = Math.min(age, 4000); idx |= idx >> 31;
      sd[x & pm] += table[idx & 4095];
    }
  }
  static int t0base = 100000;
  public static void main(String[] a) {
    Random r = new Random(42);
    // matrix: rows source-major, per source 100 targets, 5 per delay (exc), inh 100 at delay1 (not plastic)
    int[][] tgtOf = new int[N][]; 
    List<int[]>[] in = new List[N]; for (int i = 0; i < N; i++) in[i] = new ArrayList<>();
    int pos = 0;
    for (int s = 0; s < NE; s++) {
      int[] perm = new int[N]; for (int i=0;i<N;i++) perm[i]=i; for (int i=N-1;i>0;i--){int j=r.nextInt(i+1);int q=perm[i];perm[i]=perm[j];perm[j]=q;}
      int k = 0; int c = 0;
      for (int d = 0; d < D; d++) { 
        int[] row = new int[5]; for (int j=0;j<5;j++){ while (perm[k]==s) k++; row[j]=perm[k++]; } Arrays.sort(row);
        for (int j=0;j<5;j++) { in[row[j]].add(new int[]{s, d, pos++}); }
      }
    }
    for (int i = 0; i < setT.length; i++) setT[i] = 100000 - r.nextInt(3000); for (int i=0;i<4000;i++) table[i]=(float)(0.1*Math.pow(0.95,i)); int total = pos; sd = new float[total]; sdT = new float[total]; pidx = new int[4096]; for (int i=0;i<4096;i++) pidx[i]=r.nextInt(1<<20) & ~15; entry = new int[total];
    int e = 0; for (int t = 0; t < N; t++) { start[t] = e; for (int[] x : in[t]) entry[e++] = ((x[0] << DB | x[1]) << PB) | x[2]; } start[N] = e;
    for (int i = 0; i < ltp.length; i++) ltp[i] = r.nextFloat() * 0.1f;
    int[] fired = new int[5 * 20000]; for (int i = 0; i < fired.length; i++) fired[i] = r.nextInt(N);
    for (int round = 0; round < 5; round++) {
      for (int v = 0; v < 15; v++) {
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 30; rep++) {
          long t0 = System.nanoTime();
          for (int step = 0; step < 20000; step++) { int now = step % SLOTS; for (int f = 0; f < 5; f++) { int t = fired[step * 5 + f]; if (v >= 6 && v != 13) pollute(step); if (v == 12) continue; if (v >= 13) { if (v == 13) v7(t, now); else { pollute(step); v7(t, now);} continue; } switch (v % 6) { case 5: v5(t, now); break; case 0: v0(t, now); break; case 1: v1(t, now); break; case 2: v2(t, now); break; case 3: v3(t, now); break; default: v4(t, now); } } }
          best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf((v>=6&&v!=13?"polluted ":"")+"v%d: %.2f ns per synapse%n", v>=13?7:v%6, best / (20000.0 * 5 * 80));
      }
    }
  }
}
