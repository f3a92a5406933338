/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NIST SP 800-22 Rev. 1a: each test against the worked example of its
 * section in the spec, and the battery against Appendix B's p-values for
 * the first 10^6 bits of e (tests/data/e-bits.bin, written by
 * tests/oracle/e_bits.py from e = Σ 1/k! in exact integers). */
#include <math.h>
#include <string.h>

#include "nc-randomness.h"
#include "nc-test-util.h"

#include <glib/gstdio.h>

/* The spec's worked examples print six significant digits. */
#define EXAMPLE_TOLERANCE 1e-6

static guint8 *
bits_of (const char *text,
         gsize      *n)
{
  gsize length = strlen (text);
  guint8 *bits = g_new (guint8, length);

  *n = 0;
  for (gsize i = 0; i < length; i++)
    if (text[i] == '0' || text[i] == '1')
      bits[(*n)++] = (guint8) (text[i] - '0');
  return bits;
}

/* The 100-bit example the spec uses in several sections (2.1.8, 2.2.8,
 * 2.3.8, 2.6.8, 2.12.8, 2.13.8): the first bits of π's expansion. */
static const char *const pi_100 =
  "11001001000011111101101010100010001000010110100011"
  "00001000110100110001001100011001100010100010111000";

static void
assert_p (double got,
          double expected)
{
  g_assert_false (isnan (got));
  g_assert_cmpfloat_with_epsilon (got, expected, EXAMPLE_TOLERANCE);
}

static void
test_igamc (void)
{
  /* Q(1, x) = e^(−x); Q(1/2, x) = erfc(√x); a large-a value from scipy's
   * gammaincc(16384, 16500) = 0.18287… checked by the series both ways. */
  assert_p (nc_igamc (1.0, 2.0), exp (-2.0));
  assert_p (nc_igamc (0.5, 3.0), erfc (sqrt (3.0)));
  assert_p (nc_igamc (0.5, 0.3), erfc (sqrt (0.3)));
  g_assert_cmpfloat (nc_igamc (3.0, 0.0), ==, 1.0);
  /* Q(a, x) + P(a, x) = 1 at a = x on either side of the switch. */
  g_assert_cmpfloat (fabs (nc_igamc (16384.0, 16384.0) - 0.5), <, 0.003);
}

static void
test_frequency (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("1011010101", &n);
  g_autofree guint8 *b = NULL;

  assert_p (nc_nist_frequency (a, n), 0.527089);
  b = bits_of (pi_100, &n);
  assert_p (nc_nist_frequency (b, n), 0.109599);
}

static void
test_block_frequency (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("0110011010", &n);
  g_autofree guint8 *b = NULL;

  assert_p (nc_nist_block_frequency (a, n, 3), 0.801252);
  b = bits_of (pi_100, &n);
  assert_p (nc_nist_block_frequency (b, n, 10), 0.706438);
}

static void
test_cumulative_sums (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("1011010111", &n);
  g_autofree guint8 *b = NULL;

  assert_p (nc_nist_cumulative_sums (a, n, FALSE), 0.4116588);
  b = bits_of (pi_100, &n);
  assert_p (nc_nist_cumulative_sums (b, n, FALSE), 0.219194);
  assert_p (nc_nist_cumulative_sums (b, n, TRUE), 0.114866);
}

static void
test_runs (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("1001101011", &n);
  g_autofree guint8 *b = NULL;

  assert_p (nc_nist_runs (a, n), 0.147232);
  b = bits_of (pi_100, &n);
  assert_p (nc_nist_runs (b, n), 0.500798);
}

static void
test_longest_run (void)
{
  gsize n;
  const char *why = NULL;
  g_autofree guint8 *a = bits_of (
    "11001100000101010110110001001100111000000000001001"
    "00110101010001000100111101011010000000110101111100"
    "1100111001101101100010110010", &n);

  g_assert_cmpuint (n, ==, 128);
  assert_p (nc_nist_longest_run (a, n, &why), 0.180609);
  g_assert_true (isnan (nc_nist_longest_run (a, 100, &why)));
  g_assert_nonnull (why);
}

/* The spec's worked examples of 2.6.8 (p = 0.029523 and 0.168669) do not
 * follow its own steps: on 1001010011 all five magnitudes |X_0| … |X_4|
 * (0, 2, 4.47, 2, 4.47) are below T = 5.47, where the example counts four;
 * numpy's FFT agrees with this code. The test is checked on Appendix B's
 * value instead, and here on sequences whose spectra are known. */
static void
test_fft (void)
{
  guint8 bits[1000];

  /* A square wave of period 4: its power sits in a few bins, so nearly
   * all 500 magnitudes are below T and N1 − N0 is large: p tiny. */
  for (guint i = 0; i < 1000; i++)
    bits[i] = (i / 2) % 2;
  g_assert_cmpfloat (nc_nist_fft (bits, 1000), <, 1e-6);
  /* The same on a length with a large prime factor (997), by Bluestein. */
  g_assert_cmpfloat (nc_nist_fft (bits, 997), <, 1e-6);
}

static void
test_non_overlapping (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("10100100101110010110", &n);
  guint templates[200], template_001 = 1;
  double p;

  nc_nist_non_overlapping (a, n, 3, 2, 1, &template_001, &p);
  assert_p (p, 0.344154);
  /* NIST's template file for m = 9 has 148 lines, starting 000000001,
   * 000000011, 000000101 and ending 111111110. */
  g_assert_cmpuint (nc_nist_aperiodic_templates (9, templates, 200), ==, 148);
  g_assert_cmpuint (templates[0], ==, 1);
  g_assert_cmpuint (templates[1], ==, 3);
  g_assert_cmpuint (templates[2], ==, 5);
  g_assert_cmpuint (templates[147], ==, 0x1fe);
  g_assert_cmpuint (nc_nist_aperiodic_templates (2, templates, 200), ==, 2);
}

static void
test_serial (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("0011011101", &n);
  double p[2];

  nc_nist_serial (a, n, 3, p);
  assert_p (p[0], 0.808792);
  assert_p (p[1], 0.670320);
}

static void
test_approximate_entropy (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("0100110101", &n);
  g_autofree guint8 *b = NULL;

  assert_p (nc_nist_approximate_entropy (a, n, 3), 0.261961);
  b = bits_of (pi_100, &n);
  assert_p (nc_nist_approximate_entropy (b, n, 2), 0.235301);
}

static void
test_excursions (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("0110110101", &n);
  double p[8], pv[18];
  const char *why = NULL;

  /* Three cycles: the spec's example waives the 500-cycle rule. */
  g_assert_true (nc_nist_random_excursions (a, n, 1, p, &why));
  /* x = +1: the spec prints χ² = 4.333033 and p = 0.502529; the visits
   * (one cycle each with 0, 1 and 3) give χ² = 13/3 exactly, and
   * scipy.special.gammaincc(2.5, 13/6) = 0.5024875. */
  assert_p (p[4], 0.5024875);
  g_assert_true (nc_nist_random_excursions_variant (a, n, 1, pv, &why));
  assert_p (pv[9], 0.683091);                  /* x = +1 */
  g_assert_false (nc_nist_random_excursions (a, n, 0, p, &why));
  g_assert_nonnull (why);
}

static void
test_linear_complexity (void)
{
  gsize n;
  g_autofree guint8 *a = bits_of ("1101011110001", &n);
  g_autofree guint8 *ones = g_new (guint8, 1000);
  guint8 lfsr[1000];

  g_assert_cmpuint (nc_nist_berlekamp_massey (a, n), ==, 4);
  /* All ones: one cell; an impulse at the end: as long as the sequence. */
  memset (ones, 1, 1000);
  g_assert_cmpuint (nc_nist_berlekamp_massey (ones, 1000), ==, 1);
  memset (lfsr, 0, sizeof lfsr);
  lfsr[999] = 1;
  g_assert_cmpuint (nc_nist_berlekamp_massey (lfsr, 1000), ==, 1000);
  /* s_i = s_(i−3) ⊕ s_(i−10): length 10, found across word boundaries. */
  for (guint i = 0; i < 10; i++)
    lfsr[i] = (guint8) ((0x2c5u >> i) & 1);
  for (guint i = 10; i < 1000; i++)
    lfsr[i] = lfsr[i - 3] ^ lfsr[i - 10];
  g_assert_cmpuint (nc_nist_berlekamp_massey (lfsr, 1000), ==, 10);
}

static guint8 *
e_bits (gsize *n)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "e-bits.bin", NULL);
  g_autofree char *packed = NULL;
  gsize length;
  guint8 *bits;

  g_assert_true (g_file_get_contents (path, &packed, &length, NULL));
  g_assert_cmpuint (length, ==, 125000);
  bits = g_new (guint8, length * 8);
  nc_nist_unpack ((const guint8 *) packed, length, bits);
  *n = length * 8;
  return bits;
}

/* Appendix B of the spec, the first 10^6 bits of e. */
static void
test_appendix_b (void)
{
  gsize n;
  g_autofree guint8 *bits = e_bits (&n);
  g_autoptr(NcNistReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *why = NULL;
  double p[2];
  guint rows, ok;

  g_assert_cmpuint (bits[0], ==, 1);
  g_assert_cmpuint (bits[1], ==, 0);
  g_assert_cmpuint (bits[2], ==, 1);

  assert_p (nc_nist_frequency (bits, n), 0.953749);
  assert_p (nc_nist_block_frequency (bits, n, 128), 0.211072);
  assert_p (nc_nist_cumulative_sums (bits, n, FALSE), 0.669887);
  assert_p (nc_nist_cumulative_sums (bits, n, TRUE), 0.724266);
  assert_p (nc_nist_runs (bits, n), 0.561917);
  assert_p (nc_nist_longest_run (bits, n, &why), 0.718945);
  assert_p (nc_nist_rank (bits, n, &why), 0.306156);
  assert_p (nc_nist_fft (bits, n), 0.847187);
  assert_p (nc_nist_overlapping (bits, n, 9, 1032), 0.110434);
  assert_p (nc_nist_universal (bits, n, 7, 1280, &why), 0.282568);
  assert_p (nc_nist_approximate_entropy (bits, n, 10), 0.700073);
  nc_nist_serial (bits, n, 16, p);
  assert_p (p[0], 0.766182);
  assert_p (p[1], 0.462921);
  assert_p (nc_nist_linear_complexity (bits, n, 500, &why), 0.826335);
  /* The spec's example 2.10.8 on the same bits with M = 1000. */
  assert_p (nc_nist_linear_complexity (bits, n, 1000, &why), 0.845406);
  /* Example 2.5.8: the first 100 000 bits of e. */
  assert_p (nc_nist_rank (bits, 100000, &why), 0.532069);

  /* The battery gives the same numbers, and the template B = 000000001. */
  report = nc_nist_run (bits, n, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_p (nc_nist_report_first_row (report, NC_NIST_FREQUENCY, NULL, NULL)->p[0], 0.953749);
  assert_p (nc_nist_report_first_row (report, NC_NIST_NON_OVERLAPPING_TEMPLATE, &rows, &ok)->p[0], 0.078790);
  g_assert_cmpuint (rows, ==, 148);
  g_assert_cmpstr (nc_nist_report_first_row (report, NC_NIST_NON_OVERLAPPING_TEMPLATE, NULL, NULL)->variant,
                   ==, "000000001");
  assert_p (nc_nist_report_first_row (report, NC_NIST_LINEAR_COMPLEXITY, NULL, NULL)->p[0], 0.826335);
  assert_p (nc_nist_report_first_row (report, NC_NIST_SERIAL, NULL, NULL)[1].p[0], 0.462921);
  for (guint t = 0; t < NC_NIST_N_TESTS; t++)
    g_assert_null (report->not_applicable[t]);
}

/* Sequences split between the threads give the numbers each gives alone;
 * short sequences are marked not applicable where a test needs more. */
static void
test_battery (void)
{
  gsize n;
  g_autofree guint8 *bits = e_bits (&n);
  g_autoptr(NcNistReport) many = NULL, one = NULL;
  g_autoptr(GError) error = NULL;

  many = nc_nist_run (bits, 20000, 50, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  one = nc_nist_run (bits + 20000 * 37, 20000, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < NC_NIST_N_ROWS; r++)
    {
      const NcNistRow *a = &many->rows[r], *b = &one->rows[r];

      g_assert_cmpint (a->test, ==, b->test);
      if (isnan (b->p[0]))
        g_assert_true (isnan (a->p[37]));
      else
        g_assert_cmpfloat (a->p[37], ==, b->p[0]);
    }
  /* 20 000 bits: too short for the universal test, long enough for rank. */
  g_assert_nonnull (many->not_applicable[NC_NIST_UNIVERSAL]);
  g_assert_null (many->not_applicable[NC_NIST_FREQUENCY]);
  g_assert_cmpuint (many->rows[0].applicable, ==, 50);
  /* e's bits pass the frequency test in proportion; 50 sequences are
   * below NIST's 55 for the uniformity test. */
  g_assert_true (many->rows[0].proportion_ok);
  g_assert_true (isnan (many->rows[0].uniformity_p));
  g_assert_cmpfloat_with_epsilon (many->rows[0].proportion_low,
                                  0.99 - 3.0 * sqrt (0.99 * 0.01 / 50), 1e-12);

  g_assert_null (nc_nist_run (bits, 10, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_INVALID);
}

static void
test_bits_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nc-bits-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.txt", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.txt", NULL);
  g_autofree guint8 *bits = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  g_assert_true (g_file_set_contents (good, "1 0 1\n0 1 1 1\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "0101x", -1, NULL));
  bits = nc_nist_read_bits_file (good, 5, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpmem (bits, 5, "\1\0\1\0\1", 5);
  g_assert_null (nc_nist_read_bits_file (bad, 100, &n, &error));
  g_assert_error (error, NC_ERROR, NC_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "bad.txt"));
  g_assert_nonnull (strstr (error->message, "byte 5"));
  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/randomness/igamc", test_igamc);
  g_test_add_func ("/randomness/frequency", test_frequency);
  g_test_add_func ("/randomness/block-frequency", test_block_frequency);
  g_test_add_func ("/randomness/cumulative-sums", test_cumulative_sums);
  g_test_add_func ("/randomness/runs", test_runs);
  g_test_add_func ("/randomness/longest-run", test_longest_run);
  g_test_add_func ("/randomness/fft", test_fft);
  g_test_add_func ("/randomness/non-overlapping", test_non_overlapping);
  g_test_add_func ("/randomness/serial", test_serial);
  g_test_add_func ("/randomness/approximate-entropy", test_approximate_entropy);
  g_test_add_func ("/randomness/excursions", test_excursions);
  g_test_add_func ("/randomness/linear-complexity", test_linear_complexity);
  g_test_add_func ("/randomness/appendix-b", test_appendix_b);
  g_test_add_func ("/randomness/battery", test_battery);
  g_test_add_func ("/randomness/bits-file", test_bits_file);
  return g_test_run ();
}
