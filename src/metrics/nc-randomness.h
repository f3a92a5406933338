/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The statistical test suite of NIST SP 800-22 Rev. 1a: its fifteen tests
 * with NIST's default parameters, over one or many sequences of bits, and
 * the two judgements NIST draws from many sequences (the proportion that
 * passes, the uniformity of the p-values). */
#pragma once

#include <gio/gio.h>

#include "nc-engine.h"

G_BEGIN_DECLS

typedef enum {
  NC_NIST_FREQUENCY,
  NC_NIST_BLOCK_FREQUENCY,
  NC_NIST_CUMULATIVE_SUMS,
  NC_NIST_RUNS,
  NC_NIST_LONGEST_RUN,
  NC_NIST_RANK,
  NC_NIST_FFT,
  NC_NIST_NON_OVERLAPPING_TEMPLATE,
  NC_NIST_OVERLAPPING_TEMPLATE,
  NC_NIST_UNIVERSAL,
  NC_NIST_APPROXIMATE_ENTROPY,
  NC_NIST_RANDOM_EXCURSIONS,
  NC_NIST_RANDOM_EXCURSIONS_VARIANT,
  NC_NIST_SERIAL,
  NC_NIST_LINEAR_COMPLEXITY,
} NcNistTest;

#define NC_NIST_N_TESTS 15

/* NIST's defaults. */
#define NC_NIST_ALPHA 0.01
#define NC_NIST_BLOCK_FREQUENCY_M 128
#define NC_NIST_TEMPLATE_M 9
#define NC_NIST_OVERLAPPING_M 9
#define NC_NIST_APEN_M 10
#define NC_NIST_SERIAL_M 16
#define NC_NIST_LINEAR_COMPLEXITY_M 500
/* The aperiodic templates of length 9, and the rows of the full table:
 * NIST reports 188 p-values per sequence. */
#define NC_NIST_N_TEMPLATES 148
#define NC_NIST_N_ROWS 188
/* Fewer sequences than this make the uniformity test unreliable (NIST). */
#define NC_NIST_MIN_UNIFORMITY_SEQUENCES 55

const char *nc_nist_test_name (NcNistTest test);
const char *nc_nist_test_id   (NcNistTest test);

/* One row of NIST's final analysis report: a test, or one of its several
 * statistics (a template, a state, a direction). */
typedef struct {
  NcNistTest test;
  char       variant[24];    /* "" where the test has one statistic */
  guint      applicable;     /* sequences the test could be applied to */
  guint      passed;         /* of those, p ≥ α */
  double     proportion_low; /* NIST's interval for the pass proportion */
  double     uniformity_p;   /* NAN below 2 applicable sequences */
  gboolean   proportion_ok;
  gboolean   uniformity_ok;  /* TRUE when not computed */
  double    *p;              /* per sequence, NAN where not applicable */
} NcNistRow;

typedef struct {
  guint64    n_bits;         /* per sequence */
  guint      n_sequences;
  NcNistRow  rows[NC_NIST_N_ROWS];
  char      *not_applicable[NC_NIST_N_TESTS]; /* why, or NULL */
} NcNistReport;

/* Called as sequences are done, one call at a time. */
typedef void (*NcNistProgress) (guint    done,
                                guint    total,
                                gpointer data);

/* The bits, one per byte (0 or 1), of every sequence in a row. */
NcNistReport *nc_nist_run      (const guint8  *bits,
                                guint64        n_bits,
                                guint          n_sequences,
                                NcNistProgress progress,
                                gpointer       progress_data,
                                GCancellable  *cancellable,
                                GError       **error);
void          nc_nist_report_free (NcNistReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcNistReport, nc_nist_report_free)

/* The first row of each test (the one papers print), and how many of a
 * test's rows pass both judgements. */
const NcNistRow *nc_nist_report_first_row (const NcNistReport *report,
                                           NcNistTest          test,
                                           guint              *n_rows,
                                           guint              *n_rows_ok);
/* How many rows applied to some sequence and failed. */
guint            nc_nist_report_count_failed (const NcNistReport *report);
/* Whether a row passes both judgements (it applied to some sequence). */
gboolean         nc_nist_row_passes       (const NcNistRow    *row);
/* Of a test's rows, the one to show alone: the first failing, else the
 * lowest p-value (one sequence) or uniformity p-value (several). */
const NcNistRow *nc_nist_report_worst_row (const NcNistReport *report,
                                           NcNistTest          test);

/* The single tests, for one sequence and chosen parameters (the spec's
 * worked examples use small ones). Each returns its p-value, or NAN with
 * @why set when the sequence is too short for it. */
double nc_nist_frequency         (const guint8 *bits, gsize n);
double nc_nist_block_frequency   (const guint8 *bits, gsize n, guint m);
double nc_nist_cumulative_sums   (const guint8 *bits, gsize n, gboolean reverse);
double nc_nist_runs              (const guint8 *bits, gsize n);
double nc_nist_longest_run       (const guint8 *bits, gsize n, const char **why);
double nc_nist_rank              (const guint8 *bits, gsize n, const char **why);
double nc_nist_fft               (const guint8 *bits, gsize n);
void   nc_nist_non_overlapping   (const guint8 *bits, gsize n, guint m,
                                  guint n_blocks, guint n_templates, const guint *templates,
                                  double *p_values);
guint  nc_nist_aperiodic_templates (guint m, guint *templates, guint max);
double nc_nist_overlapping       (const guint8 *bits, gsize n, guint m, guint block);
double nc_nist_universal         (const guint8 *bits, gsize n, guint l, guint q,
                                  const char **why);
guint  nc_nist_universal_block   (gsize n);
double nc_nist_approximate_entropy (const guint8 *bits, gsize n, guint m);
/* p_values[8] for x = −4 … −1, 1 … 4; FALSE with @why when too few
 * cycles (NIST's rule: @min_cycles = 0 for the rule max(500, 0.005 √n)). */
gboolean nc_nist_random_excursions (const guint8 *bits, gsize n, guint min_cycles,
                                    double p_values[8], const char **why);
/* p_values[18] for x = −9 … −1, 1 … 9. */
gboolean nc_nist_random_excursions_variant (const guint8 *bits, gsize n,
                                            guint min_cycles, double p_values[18],
                                            const char **why);
void   nc_nist_serial            (const guint8 *bits, gsize n, guint m, double p_values[2]);
double nc_nist_linear_complexity (const guint8 *bits, gsize n, guint m, const char **why);
guint  nc_nist_berlekamp_massey  (const guint8 *bits, gsize n);

/* The regularized upper incomplete gamma function Q(a, x). */
double nc_igamc (double a, double x);

/* Reads NIST's ASCII format: '0' and '1', whitespace ignored. */
guint8 *nc_nist_read_bits_file (const char *path,
                                guint64     max_bits,
                                guint64    *n_bits,
                                GError    **error);
/* Unpacks bytes into bits, most significant first. */
void    nc_nist_unpack (const guint8 *bytes, gsize n_bytes, guint8 *bits);

/* The bytes an engine's key turns an all-zero image into: its keystream
 * where the cipher adds or XORs one, its zero-image ciphertext otherwise. */
guint8 *nc_engine_zero_stream (const NcEngine *engine,
                               const NcParams *key,
                               gsize           n_bytes,
                               GCancellable   *cancellable,
                               GError        **error);

/* The same, unpacked: @n_bits bits, one per byte, for nc_nist_run(). */
guint8 *nc_engine_zero_stream_bits (const NcEngine *engine,
                                    const NcParams *key,
                                    guint64         n_bits,
                                    GCancellable   *cancellable,
                                    GError        **error);

G_END_DECLS
