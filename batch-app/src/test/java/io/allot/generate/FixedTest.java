package io.allot.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedTest {
  private static String f(double v, int d) {
    char[] buf = new char[40];
    return new String(buf, 0, Fixed.format(v, d, buf));
  }

  @Test
  void writesShortPlainDecimals() {
    assertThat(f(-0.05, 4)).isEqualTo("-0.05");
    assertThat(f(-2.90004, 4)).isEqualTo("-2.9");
    assertThat(f(0.00001624, 9)).isEqualTo("0.00001624");
    assertThat(f(3.0, 4)).isEqualTo("3");
    assertThat(f(-0.00004, 4)).isEqualTo("0");
    assertThat(f(12.34567, 4)).isEqualTo("12.3457");
    assertThat(f(Double.NaN, 4)).isEqualTo("NaN");
    assertThat(Double.parseDouble(f(-7.0001, 4))).isEqualTo(-7.0001);
  }

  @Test
  void padsIds() {
    char[] buf = new char[20];
    assertThat(new String(buf, 0, Fixed.writePadded(42, 6, buf, 0))).isEqualTo("000042");
    assertThat(new String(buf, 0, Fixed.writePadded(1234567, 6, buf, 0))).isEqualTo("1234567");
  }

  @Test
  void normalQuantilesRoundTrip() {
    assertThat(Normal.inverseCdf(0.5)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(Normal.inverseCdf(0.975)).isCloseTo(1.959964, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(Normal.cdf(Normal.inverseCdf(0.87))).isCloseTo(0.87, org.assertj.core.data.Offset.offset(1e-7));
  }
}
