public class CV {
  // D: one half-step with the full current
  static void kD(float[] v, float[] u, float[] in, float[] gA, float[] gN, float eA, float eN, int n) {
    for (int i = 0; i < n; i++) { float vi = v[i]; final float nmda = (vi + 80.0f) * (vi + 80.0f) / 60.0f / 60.0f;
      vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - u[i] + (in[i] - (gA[i] * (vi - eA) + gN[i] * nmda / (1.0f + nmda) * (vi - eN))))); v[i] = vi; } }
  // E: like D without the nmda gate
  static void kE(float[] v, float[] u, float[] in, float[] gA, float[] gN, float eA, float eN, int n) {
    for (int i = 0; i < n; i++) { float vi = v[i];
      vi += 0.5f * (0.04f * vi * vi + 5.0f * vi + (140.0f - u[i] + (in[i] - (gA[i] * (vi - eA) + gN[i] * (vi - eN))))); v[i] = vi; } }
  // F: gate only, stored
  static void kF(float[] v, float[] o, float[] gN, int n) {
    for (int i = 0; i < n; i++) { float vi = v[i]; final float nmda = (vi + 80.0f) * (vi + 80.0f) / 60.0f / 60.0f; o[i] = gN[i] * nmda / (1.0f + nmda); } }
  public static void main(String[] a) { int n = 1000; float[] v = new float[n], u = new float[n], in = new float[n], gA = new float[n], gN = new float[n], o = new float[n];
    for (int i = 0; i < n; i++) { v[i] = -65; u[i] = -13; gA[i] = 0.1f; gN[i] = 0.05f; }
    for (int round = 0; round < 5; round++) { long t0 = System.nanoTime(); for (int r = 0; r < 200000; r++) { switch (a[0]) { case "D": kD(v, u, in, gA, gN, 0f, 0f, n); break; case "E": kE(v, u, in, gA, gN, 0f, 0f, n); break; default: kF(v, o, gN, n); } if (v[0] > 30 || v[0] < -100) java.util.Arrays.fill(v, -65f); } long t1 = System.nanoTime(); System.out.printf("k%s ns/elem=%.3f%n", a[0], (t1 - t0) / 2e8); } } }
