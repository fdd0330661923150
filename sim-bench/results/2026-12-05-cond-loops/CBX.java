public class CBX { public static void main(String[] x) { java.util.Random r = new java.util.Random(1); int n = 1000; long diff = 0;
  for (int t = 0; t < 2000; t++) { float[] v = new float[n], u = new float[n], a = new float[n], b = new float[n], in = new float[n], gA = new float[n], gN = new float[n], gGA = new float[n], gGB = new float[n], syn = new float[n];
    for (int i = 0; i < n; i++) { v[i] = -80 + 110 * r.nextFloat(); u[i] = -20 + 20 * r.nextFloat(); a[i] = 0.02f + 0.08f * r.nextFloat(); b[i] = 0.2f + 0.05f * r.nextFloat(); in[i] = 20 * (float) r.nextGaussian(); gA[i] = r.nextFloat(); gN[i] = r.nextFloat(); gGA[i] = r.nextFloat(); gGB[i] = r.nextFloat(); }
    float[] v2 = v.clone(), u2 = u.clone();
    CB.halfB(v, u, a, b, in, gA, gN, gGA, gGB, 0f, 0f, -70f, -90f, 0, n);
    CB.halfT(v2, u2, a, b, in, gA, gN, gGA, gGB, 0f, 0f, -70f, -90f, syn, new float[n], 0, n);
    for (int i = 0; i < n; i++) if (Float.floatToRawIntBits(v[i]) != Float.floatToRawIntBits(v2[i]) || Float.floatToRawIntBits(u[i]) != Float.floatToRawIntBits(u2[i])) diff++; }
  System.out.println("mismatches " + diff + " of " + 2000L * n); } }
