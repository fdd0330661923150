/**
 * The spnet2006 trace decay (1000 LTP and 1000 LTD values, poly_spnet's float storage and double product) in the
 * forms compared in BENCHMARKS.md's nineteenth-session section: v0 one neuron at a time (the engine before), v8 four
 * at a time with all products first (kept), v11 eight LTP then eight LTD in loops of their own, v12 four and four so,
 * v1 and v6 the conversions on the bits, v5 int storage, v9 a float product (wrong values: the floor), v10 a table
 * indexed by the time since the last spike. javac DecayForms.java && java DecayForms 0,8,11,12 0.05
 */
public class DecayForms {
  static final int N = 1000, SLOTS = 21;
  // V0: as the engine does
  static void v0(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    for (int i = 0; i < N; i++) { ltp[next + i] = (float)(dp * ltp[now + i]); ltd[i] = (float)(ltd[i] * dm); }
  }
  // V2: two loops
  static void v2(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    for (int i = 0; i < N; i++) ltp[next + i] = (float)(dp * ltp[now + i]);
    for (int i = 0; i < N; i++) ltd[i] = (float)(ltd[i] * dm);
  }
  // V1: bit tricks, slow path on subnormal / non-finite
  static float mul(float x, double f) {
    int b = Float.floatToRawIntBits(x);
    int a = b & 0x7fffffff;
    if (a - 0x00800000 >= 0x7f000000 - 0x00000000 || a < 0x00800000) return (float)(f * x);
    double q = Double.longBitsToDouble(((long)a << 29) + (896L << 52)) * f;
    long qb = Double.doubleToRawLongBits(q);
    if (qb < (897L << 52)) return (float)(f * x);
    long t = qb - (896L << 52);
    int r = (int)((t + 0x0FFFFFFFL + ((t >>> 29) & 1)) >>> 29);
    return Float.intBitsToFloat(r | (b & 0x80000000));
  }
  static void v1(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    for (int i = 0; i < N; i++) { ltp[next + i] = mul(ltp[now + i], dp); ltd[i] = mul(ltd[i], dm); }
  }
  // V5: int storage
  static void v5(int[] ltp, int now, int next, int[] ltd, double dp, double dm) {
    for (int i = 0; i < N; i++) {
      ltp[next + i] = Float.floatToRawIntBits((float)(dp * Float.intBitsToFloat(ltp[now + i])));
      ltd[i] = Float.floatToRawIntBits((float)(Float.intBitsToFloat(ltd[i]) * dm));
    }
  }
  // V6: branch-free both paths
  static float mulB(float x, double f) {
    int b = Float.floatToRawIntBits(x);
    int a = b & 0x7fffffff;
    long isSub = (a - 0x00800000) >> 31; // -1 if subnormal or zero
    double nbv = Double.longBitsToDouble(((long)a << 29) + (896L << 52));
    double s = Double.longBitsToDouble(0x3ff0000000000000L + (isSub & (1L << 52)));
    double c = Double.longBitsToDouble(isSub & 0x3810000000000000L); // 2^-126
    double q = (nbv * s - c) * f;
    long qb = Double.doubleToRawLongBits(q);
    long t = qb - (896L << 52);
    long rn = (t + 0x0FFFFFFFL + ((t >>> 29) & 1)) >>> 29;
    long rs = Double.doubleToRawLongBits(q * 0x1p149 + 0x1p52) - 0x4330000000000000L;
    long sub = (qb - (897L << 52)) >> 63;
    int r = (int)((rn & ~sub) | (rs & sub));
    if (a >= 0x7f800000) return (float)(f * x);
    return Float.intBitsToFloat(r | (b & 0x80000000));
  }
  static void v6(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    for (int i = 0; i < N; i++) { ltp[next + i] = mulB(ltp[now + i], dp); ltd[i] = mulB(ltd[i], dm); }
  }

  static void v8(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    int i = 0;
    for (; i + 3 < N; i += 4) {
      double p0 = dp * ltp[now + i], p1 = dp * ltp[now + i + 1], p2 = dp * ltp[now + i + 2], p3 = dp * ltp[now + i + 3];
      double m0 = ltd[i] * dm, m1 = ltd[i + 1] * dm, m2 = ltd[i + 2] * dm, m3 = ltd[i + 3] * dm;
      ltp[next + i] = (float)p0; ltp[next + i + 1] = (float)p1; ltp[next + i + 2] = (float)p2; ltp[next + i + 3] = (float)p3;
      ltd[i] = (float)m0; ltd[i + 1] = (float)m1; ltd[i + 2] = (float)m2; ltd[i + 3] = (float)m3;
    }
    for (; i < N; i++) { ltp[next + i] = (float)(dp * ltp[now + i]); ltd[i] = (float)(ltd[i] * dm); }
  }
  // v9: float multiply (wrong results; the floor)
  static void v9(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    float fp = (float) dp, fm = (float) dm;
    for (int i = 0; i < N; i++) { ltp[next + i] = fp * ltp[now + i]; ltd[i] = ltd[i] * fm; }
  }
  // v10: table by age
  static void v10(float[] ltp, int next, float[] ltd, int[] age, float[] cp, float[] cm, int sat) {
    for (int i = 0; i < N; i++) { int a = age[i]; a += (a - sat) >>> 31; age[i] = a; ltp[next + i] = cp[a]; ltd[i] = cm[a]; }
  }

  static void v11(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    int i = 0;
    for (; i + 7 < N; i += 8) {
      double p0 = dp * ltp[now + i], p1 = dp * ltp[now + i + 1], p2 = dp * ltp[now + i + 2], p3 = dp * ltp[now + i + 3];
      double p4 = dp * ltp[now + i + 4], p5 = dp * ltp[now + i + 5], p6 = dp * ltp[now + i + 6], p7 = dp * ltp[now + i + 7];
      ltp[next + i] = (float)p0; ltp[next + i + 1] = (float)p1; ltp[next + i + 2] = (float)p2; ltp[next + i + 3] = (float)p3;
      ltp[next + i + 4] = (float)p4; ltp[next + i + 5] = (float)p5; ltp[next + i + 6] = (float)p6; ltp[next + i + 7] = (float)p7;
    }
    for (; i < N; i++) { ltp[next + i] = (float)(dp * ltp[now + i]); }
    i = 0;
    for (; i + 7 < N; i += 8) {
      double m0 = ltd[i] * dm, m1 = ltd[i + 1] * dm, m2 = ltd[i + 2] * dm, m3 = ltd[i + 3] * dm;
      double m4 = ltd[i + 4] * dm, m5 = ltd[i + 5] * dm, m6 = ltd[i + 6] * dm, m7 = ltd[i + 7] * dm;
      ltd[i] = (float)m0; ltd[i + 1] = (float)m1; ltd[i + 2] = (float)m2; ltd[i + 3] = (float)m3;
      ltd[i + 4] = (float)m4; ltd[i + 5] = (float)m5; ltd[i + 6] = (float)m6; ltd[i + 7] = (float)m7;
    }
    for (; i < N; i++) { ltd[i] = (float)(ltd[i] * dm); }
  }
  static void v12(float[] ltp, int now, int next, float[] ltd, double dp, double dm) {
    int i = 0;
    for (; i + 3 < N; i += 4) {
      double p0 = dp * ltp[now + i], p1 = dp * ltp[now + i + 1], p2 = dp * ltp[now + i + 2], p3 = dp * ltp[now + i + 3];
      ltp[next + i] = (float)p0; ltp[next + i + 1] = (float)p1; ltp[next + i + 2] = (float)p2; ltp[next + i + 3] = (float)p3;
    }
    for (; i < N; i++) { ltp[next + i] = (float)(dp * ltp[now + i]); }
    i = 0;
    for (; i + 3 < N; i += 4) {
      double m0 = ltd[i] * dm, m1 = ltd[i + 1] * dm, m2 = ltd[i + 2] * dm, m3 = ltd[i + 3] * dm;
      ltd[i] = (float)m0; ltd[i + 1] = (float)m1; ltd[i + 2] = (float)m2; ltd[i + 3] = (float)m3;
    }
    for (; i < N; i++) { ltd[i] = (float)(ltd[i] * dm); }
  }
  static void check() {
    double[] fs = {0.95, 0.9, 0.5, 0.999, 1.0, 0.12345, 1e-5};
    java.util.Random r = new java.util.Random(7);
    long bad1 = 0, bad6 = 0;
    for (double f : fs) for (long k = 0; k < 40_000_000L; k++) {
      int b = k < 20_000_000 ? r.nextInt() : (int)(k - 20_000_000) ;
      float x = Float.intBitsToFloat(b);
      int want = Float.floatToRawIntBits((float)(f * x));
      if (Float.floatToRawIntBits(mul(x, f)) != want && !Float.isNaN(x)) bad1++;
      if (Float.floatToRawIntBits(mulB(x, f)) != want && !Float.isNaN(x)) bad6++;
    }
    System.out.println("mismatches v1 " + bad1 + " v6 " + bad6);
  }
  /**
   * Usage: java DecayForms [variants] [fraction of subnormal traces]: e.g. "0,8,11,12" 0.05 (the table of
   * BENCHMARKS.md, nineteenth session, used 0,1,2,5,6 then 0,8,9,10 then 0,8,11,12 at 0.05, and 8 at 0 and 1);
   * "check" compares v1 and v6 with the cast over 280 million floats first.
   */
  public static void main(String[] a) {
    if (a.length > 0 && a[0].equals("check")) { check(); return; }
    final String[] list = (a.length > 0 ? a[0] : "0,8,11,12").split(",");
    final double frac = a.length > 1 ? Double.parseDouble(a[1]) : 0.05;
    int[] age = new int[N]; float[] cp = new float[2000], cm = new float[2000]; for (int i = 0; i < N; i++) age[i] = (i * 37) % 1900;
    for (String name : list) {
      final int v = Integer.parseInt(name.trim());
      float[] ltp = new float[SLOTS * N]; float[] ltd = new float[N];
      int[] iltp = new int[SLOTS * N]; int[] iltd = new int[N];
      java.util.Random r = new java.util.Random(1);
      long best = Long.MAX_VALUE;
      for (int rep = 0; rep < 40000; rep++) {
        if (rep % 200 == 0) for (int i = 0; i < N; i++) { float x = r.nextDouble() < frac ? Float.MIN_VALUE * 1000 : 0.1f * r.nextFloat(); for (int s = 0; s < SLOTS; s++) { ltp[s * N + i] = x; iltp[s*N+i] = Float.floatToRawIntBits(x);} ltd[i] = x; iltd[i] = Float.floatToRawIntBits(x); }
        int now = (rep % SLOTS) * N, next = ((rep + 1) % SLOTS) * N;
        long t0 = System.nanoTime();
        switch (v) { case 0: v0(ltp, now, next, ltd, 0.95, 0.95); break; case 2: v2(ltp, now, next, ltd, 0.95, 0.95); break;
          case 1: v1(ltp, now, next, ltd, 0.95, 0.95); break; case 5: v5(iltp, now, next, iltd, 0.95, 0.95); break; case 6: v6(ltp, now, next, ltd, 0.95, 0.95); break; case 8: v8(ltp, now, next, ltd, 0.95, 0.95); break; case 9: v9(ltp, now, next, ltd, 0.95, 0.95); break; case 11: v11(ltp, now, next, ltd, 0.95, 0.95); break; case 12: v12(ltp, now, next, ltd, 0.95, 0.95); break; case 10: v10(ltp, next, ltd, age, cp, cm, 1950); break; }
        long t1 = System.nanoTime();
        if (rep > 10000) best = Math.min(best, t1 - t0);
      }
      System.out.printf("v%d (subnormal fraction %.2f) best %.3f us%n", v, frac, best / 1e3);
    }
  }
}
