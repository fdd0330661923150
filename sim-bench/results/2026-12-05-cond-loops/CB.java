public class CB {
  float[] gAmpa, gNmda, gGabaA, gGabaB;
  static float syn(float v, float gA, float gN, float gGA, float gGB, float eA, float eN, float eGA, float eGB) {
    final float nmda = (v + 80.0f) * (v + 80.0f) / 60.0f / 60.0f;
    return -(gA * (v - eA) + gN * nmda / (1.0f + nmda) * (v - eN) + gGA * (v - eGA) + gGB * (v - eGB));
  }
  void stepA(boolean halfFlag, float[] v, float[] u, float[] a, float[] b, float[] input, float[] c, int from, int to) {
    final float eA = c[4], eN = c[5], eGA = c[6], eGB = c[7];
    final boolean half = halfFlag;
    for (int i = from; i < to; i++) {
      final float ui = u[i]; final float gA = gAmpa[i], gN = gNmda[i], gGA = gGabaA[i], gGB = gGabaB[i]; float vi = v[i];
      if (half) {
        vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - ui + (input[i] + syn(vi, gA, gN, gGA, gGB, eA, eN, eGA, eGB))));
        vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - ui + (input[i] + syn(vi, gA, gN, gGA, gGB, eA, eN, eGA, eGB))));
      } else {
        vi += 0.04f * vi * vi + 5.0f * vi + 140.0f - ui + (input[i] + syn(vi, gA, gN, gGA, gGB, eA, eN, eGA, eGB));
      }
      v[i] = vi; u[i] = ui + a[i] * (b[i] * vi - ui);
    }
  }
  static float cur(float v, float gA, float gN, float gGA, float gGB, float eA, float eN, float eGA, float eGB) {
    final float nmda = (v + 80.0f) * (v + 80.0f) / 60.0f / 60.0f;
    return gA * (v - eA) + gN * nmda / (1.0f + nmda) * (v - eN) + gGA * (v - eGA) + gGB * (v - eGB);
  }
  static void halfC(float[] v, float[] u, float[] a, float[] b, float[] input, float[] gAmpa, float[] gNmda, float[] gGabaA, float[] gGabaB, float eA, float eN, float eGA, float eGB, int from, int to) {
    for (int i = from; i < to; i++) {
      final float ui = u[i]; final float gA = gAmpa[i], gN = gNmda[i], gGA = gGabaA[i], gGB = gGabaB[i]; float vi = v[i];
      vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - ui + (input[i] - cur(vi, gA, gN, gGA, gGB, eA, eN, eGA, eGB))));
      vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - ui + (input[i] - cur(vi, gA, gN, gGA, gGB, eA, eN, eGA, eGB))));
      v[i] = vi; u[i] = ui + a[i] * (b[i] * vi - ui);
    }
  }
  static void current(float[] v, float[] gAmpa, float[] gNmda, float[] gGabaA, float[] gGabaB, float eA, float eN, float eGA, float eGB, float[] syn, int from, int to) {
    for (int i = from; i < to; i++) syn[i] = syn(v[i], gAmpa[i], gNmda[i], gGabaA[i], gGabaB[i], eA, eN, eGA, eGB);
  }
  static void halfWith(float[] v, float[] u, float[] input, float[] syn, int from, int to) {
    for (int i = from; i < to; i++) { float vi = v[i]; v[i] = vi + 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - u[i] + (input[i] + syn[i]))); }
  }
  static void recovery(float[] v, float[] u, float[] a, float[] b, int from, int to) {
    for (int i = from; i < to; i++) { final float ui = u[i]; u[i] = ui + a[i] * (b[i] * v[i] - ui); }
  }
  static void gate(float[] v, float[] gNmda, float[] t, int from, int to) {
    for (int i = from; i < to; i++) { final float vi = v[i]; final float nmda = (vi + 80.0f) * (vi + 80.0f) / 60.0f / 60.0f; t[i] = gNmda[i] * nmda / (1.0f + nmda); }
  }
  static void current2(float[] v, float[] gAmpa, float[] t, float[] gGabaA, float[] gGabaB, float eA, float eN, float eGA, float eGB, float[] syn, int from, int to) {
    for (int i = from; i < to; i++) { final float vi = v[i]; syn[i] = -(gAmpa[i] * (vi - eA) + t[i] * (vi - eN) + gGabaA[i] * (vi - eGA) + gGabaB[i] * (vi - eGB)); }
  }
  static void halfT(float[] v, float[] u, float[] a, float[] b, float[] input, float[] gAmpa, float[] gNmda, float[] gGabaA, float[] gGabaB, float eA, float eN, float eGA, float eGB, float[] syn, float[] t, int from, int to) {
    gate(v, gNmda, t, from, to); current2(v, gAmpa, t, gGabaA, gGabaB, eA, eN, eGA, eGB, syn, from, to);
    halfWith(v, u, input, syn, from, to);
    gate(v, gNmda, t, from, to); current2(v, gAmpa, t, gGabaA, gGabaB, eA, eN, eGA, eGB, syn, from, to);
    halfWith(v, u, input, syn, from, to);
    recovery(v, u, a, b, from, to);
  }
  static void halfS(float[] v, float[] u, float[] a, float[] b, float[] input, float[] gAmpa, float[] gNmda, float[] gGabaA, float[] gGabaB, float eA, float eN, float eGA, float eGB, float[] syn, int from, int to) {
    current(v, gAmpa, gNmda, gGabaA, gGabaB, eA, eN, eGA, eGB, syn, from, to);
    halfWith(v, u, input, syn, from, to);
    current(v, gAmpa, gNmda, gGabaA, gGabaB, eA, eN, eGA, eGB, syn, from, to);
    halfWith(v, u, input, syn, from, to);
    recovery(v, u, a, b, from, to);
  }
  static void halfB(float[] v, float[] u, float[] a, float[] b, float[] input, float[] gAmpa, float[] gNmda, float[] gGabaA, float[] gGabaB, float eA, float eN, float eGA, float eGB, int from, int to) {
    for (int i = from; i < to; i++) {
      final float ui = u[i]; final float gA = gAmpa[i], gN = gNmda[i], gGA = gGabaA[i], gGB = gGabaB[i]; float vi = v[i];
      vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - ui + (input[i] + syn(vi, gA, gN, gGA, gGB, eA, eN, eGA, eGB))));
      vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - ui + (input[i] + syn(vi, gA, gN, gGA, gGB, eA, eN, eGA, eGB))));
      v[i] = vi; u[i] = ui + a[i] * (b[i] * vi - ui);
    }
  }
  public static void main(String[] args) {
    int n = 1000; CB cb = new CB(); boolean B = args[0].equals("B");
    float[] v = new float[n], u = new float[n], a = new float[n], b = new float[n], in = new float[n], c = {0,0,0,0,0f,0f,-70f,-90f};
    float[] syn = new float[n], tt = new float[n];
    cb.gAmpa = new float[n]; cb.gNmda = new float[n]; cb.gGabaA = new float[n]; cb.gGabaB = new float[n];
    for (int i = 0; i < n; i++) { v[i] = -65; u[i] = -13; a[i] = 0.02f; b[i] = 0.2f; cb.gAmpa[i] = 0.1f; cb.gNmda[i] = 0.05f; cb.gGabaA[i] = 0.1f; cb.gGabaB[i] = 0.02f; }
    for (int round = 0; round < 6; round++) {
      int reps = 100000; long t0 = System.nanoTime();
      for (int r = 0; r < reps; r++) { if (args[0].equals("T")) halfT(v, u, a, b, in, cb.gAmpa, cb.gNmda, cb.gGabaA, cb.gGabaB, c[4], c[5], c[6], c[7], syn, tt, 0, n); else if (args[0].equals("S")) halfS(v, u, a, b, in, cb.gAmpa, cb.gNmda, cb.gGabaA, cb.gGabaB, c[4], c[5], c[6], c[7], syn, 0, n); else if (args[0].equals("C")) halfC(v, u, a, b, in, cb.gAmpa, cb.gNmda, cb.gGabaA, cb.gGabaB, c[4], c[5], c[6], c[7], 0, n); else if (B) halfB(v, u, a, b, in, cb.gAmpa, cb.gNmda, cb.gGabaA, cb.gGabaB, c[4], c[5], c[6], c[7], 0, n); else cb.stepA(true, v, u, a, b, in, c, 0, n); if (v[0] > 30) v[0] = -65; }
      long t1 = System.nanoTime();
      System.out.printf("%s ns/neuron=%.3f%n", args[0], (t1 - t0) / (double)(reps * (long)n));
    }
  }
}
