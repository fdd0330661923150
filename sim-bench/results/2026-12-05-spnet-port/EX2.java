public class EX2 { public static void main(String[] a) { double c = 0.95; float ch = (float)c, cl = (float)(c - ch); long den = 0, nor = 0; float maxBad = 0;
 for (int bits = 0; bits < 0x7f800000; bits++) { float x = Float.intBitsToFloat(bits); if (Float.floatToRawIntBits((float)(c*x)) != Float.floatToRawIntBits(Math.fma(x, ch, x*cl))) { if (bits < 0x00800000) den++; else { nor++; maxBad = x; } } }
 System.out.println("denormal " + den + " normal " + nor + " largest normal mismatch " + maxBad); } }
