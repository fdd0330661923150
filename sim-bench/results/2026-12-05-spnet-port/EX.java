public class EX {
  public static void main(String[] a) {
    double c = Double.parseDouble(a[0]); float ch = (float)c, cl = (float)(c - ch);
    long bad = 0; int firstBad = -1;
    for (int bits = 0; bits < 0x7f800000; bits++) {
      float x = Float.intBitsToFloat(bits);
      float r = (float)(c * x), f = Math.fma(x, ch, x * cl);
      if (Float.floatToRawIntBits(r) != Float.floatToRawIntBits(f)) { if (bad == 0) firstBad = bits; bad++; }
    }
    System.out.println("c=" + c + " mismatches=" + bad + " first=" + (firstBad < 0 ? "-" : Float.intBitsToFloat(firstBad)));
    // sequences
    for (String s : a[1].split(",")) { float x = Float.parseFloat(s); int k = 0, mis = 0; while (true) { float r = (float)(c * x), f = Math.fma(x, ch, x * cl); if (r != f) mis++; k++; if (r == x) break; x = r; } System.out.println("seq from " + s + ": " + k + " values, mismatches " + mis); }
  }
}
