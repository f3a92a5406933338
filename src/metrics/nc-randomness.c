/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NIST SP 800-22 Rev. 1a as a battery: every test on every sequence, then
 * NIST's two judgements over the sequences (the proportion that passes,
 * and the uniformity of the p-values over ten bins); NIST's ASCII bit
 * files; and the bits an engine's key yields for it. */
#include "nc-randomness.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-error.h"
#include "nc-parallel.h"

static const struct {
  const char *id, *name;
} tests[NC_NIST_N_TESTS] = {
  { "frequency", N_("Frequency") },
  { "block-frequency", N_("Block frequency") },
  { "cumulative-sums", N_("Cumulative sums") },
  { "runs", N_("Runs") },
  { "longest-run", N_("Longest run of ones") },
  { "rank", N_("Binary matrix rank") },
  { "fft", N_("Discrete Fourier transform") },
  { "non-overlapping-template", N_("Non-overlapping template") },
  { "overlapping-template", N_("Overlapping template") },
  { "universal", N_("Maurer's universal") },
  { "approximate-entropy", N_("Approximate entropy") },
  { "random-excursions", N_("Random excursions") },
  { "random-excursions-variant", N_("Random excursions variant") },
  { "serial", N_("Serial") },
  { "linear-complexity", N_("Linear complexity") },
};

const char *
nc_nist_test_name (NcNistTest test)
{
  return nc_tr (tests[test].name);
}

const char *
nc_nist_test_id (NcNistTest test)
{
  return tests[test].id;
}

/* Where each test's rows start in the table of 188. */
enum {
  ROW_FREQUENCY = 0,
  ROW_BLOCK_FREQUENCY = 1,
  ROW_CUSUM = 2,
  ROW_RUNS = 4,
  ROW_LONGEST_RUN = 5,
  ROW_RANK = 6,
  ROW_FFT = 7,
  ROW_TEMPLATES = 8,
  ROW_OVERLAPPING = ROW_TEMPLATES + NC_NIST_N_TEMPLATES,
  ROW_UNIVERSAL,
  ROW_APEN,
  ROW_EXCURSIONS,
  ROW_VARIANT = ROW_EXCURSIONS + 8,
  ROW_SERIAL = ROW_VARIANT + 18,
  ROW_LINEAR = ROW_SERIAL + 2,
  N_ROWS,
};

G_STATIC_ASSERT (N_ROWS == NC_NIST_N_ROWS);

static const guint row_start[NC_NIST_N_TESTS + 1] = {
  ROW_FREQUENCY, ROW_BLOCK_FREQUENCY, ROW_CUSUM, ROW_RUNS, ROW_LONGEST_RUN,
  ROW_RANK, ROW_FFT, ROW_TEMPLATES, ROW_OVERLAPPING, ROW_UNIVERSAL, ROW_APEN,
  ROW_EXCURSIONS, ROW_VARIANT, ROW_SERIAL, ROW_LINEAR, N_ROWS,
};

static void
init_rows (NcNistReport *report,
           const guint  *templates)
{
  for (guint t = 0; t < NC_NIST_N_TESTS; t++)
    for (guint r = row_start[t]; r < row_start[t + 1]; r++)
      {
        NcNistRow *row = &report->rows[r];
        guint i = r - row_start[t];

        row->test = (NcNistTest) t;
        row->p = g_new (double, report->n_sequences);
        switch (t)
          {
          case NC_NIST_CUMULATIVE_SUMS:
            g_strlcpy (row->variant, i == 0 ? "forward" : "reverse", sizeof row->variant);
            break;
          case NC_NIST_NON_OVERLAPPING_TEMPLATE:
            for (guint k = 0; k < NC_NIST_TEMPLATE_M; k++)
              row->variant[k] = (templates[i] >> (NC_NIST_TEMPLATE_M - 1 - k)) & 1 ? '1' : '0';
            row->variant[NC_NIST_TEMPLATE_M] = '\0';
            break;
          case NC_NIST_RANDOM_EXCURSIONS:
            g_snprintf (row->variant, sizeof row->variant, "x = %+d", i < 4 ? (int) i - 4 : (int) i - 3);
            break;
          case NC_NIST_RANDOM_EXCURSIONS_VARIANT:
            g_snprintf (row->variant, sizeof row->variant, "x = %+d", i < 9 ? (int) i - 9 : (int) i - 8);
            break;
          case NC_NIST_SERIAL:
            g_strlcpy (row->variant, i == 0 ? "∇ψ²" : "∇²ψ²", sizeof row->variant);
            break;
          default:
            break;
          }
      }
}

typedef struct {
  const guint8 *bits;
  gsize         n;
  const guint  *templates;
  double       *p;            /* N_ROWS values */
  const char   *why[NC_NIST_N_TESTS];
} Sequence;

/* The quick tests, and the two slow ones (the transform, the linear
 * complexity), so that one sequence can be split between two threads. */
static void
run_quick (Sequence *s)
{
  const guint8 *b = s->bits;
  gsize n = s->n;
  guint l = nc_nist_universal_block (n);

  s->p[ROW_FREQUENCY] = nc_nist_frequency (b, n);
  s->p[ROW_BLOCK_FREQUENCY] = nc_nist_block_frequency (b, n, NC_NIST_BLOCK_FREQUENCY_M);
  s->p[ROW_CUSUM] = nc_nist_cumulative_sums (b, n, FALSE);
  s->p[ROW_CUSUM + 1] = nc_nist_cumulative_sums (b, n, TRUE);
  s->p[ROW_RUNS] = nc_nist_runs (b, n);
  s->p[ROW_LONGEST_RUN] = nc_nist_longest_run (b, n, &s->why[NC_NIST_LONGEST_RUN]);
  s->p[ROW_RANK] = nc_nist_rank (b, n, &s->why[NC_NIST_RANK]);
  nc_nist_non_overlapping (b, n, NC_NIST_TEMPLATE_M, 8, NC_NIST_N_TEMPLATES,
                           s->templates, s->p + ROW_TEMPLATES);
  s->p[ROW_OVERLAPPING] = nc_nist_overlapping (b, n, NC_NIST_OVERLAPPING_M, 1032);
  s->p[ROW_UNIVERSAL] = nc_nist_universal (b, n, l, l > 0 ? 10u << l : 0,
                                           &s->why[NC_NIST_UNIVERSAL]);
  s->p[ROW_APEN] = nc_nist_approximate_entropy (b, n, NC_NIST_APEN_M);
  if (!nc_nist_random_excursions (b, n, 0, s->p + ROW_EXCURSIONS,
                                  &s->why[NC_NIST_RANDOM_EXCURSIONS]))
    for (guint i = 0; i < 8; i++)
      s->p[ROW_EXCURSIONS + i] = NAN;
  if (!nc_nist_random_excursions_variant (b, n, 0, s->p + ROW_VARIANT,
                                          &s->why[NC_NIST_RANDOM_EXCURSIONS_VARIANT]))
    for (guint i = 0; i < 18; i++)
      s->p[ROW_VARIANT + i] = NAN;
  nc_nist_serial (b, n, NC_NIST_SERIAL_M, s->p + ROW_SERIAL);
}

static void
run_slow (Sequence *s)
{
  s->p[ROW_FFT] = nc_nist_fft (s->bits, s->n);
  s->p[ROW_LINEAR] = nc_nist_linear_complexity (s->bits, s->n, NC_NIST_LINEAR_COMPLEXITY_M,
                                                &s->why[NC_NIST_LINEAR_COMPLEXITY]);
}

typedef struct {
  NcNistProgress progress;
  gpointer       data;
  GMutex         lock;
  guint          done, total;
} Progress;

typedef struct {
  Sequence     *sequences;
  guint         first, last;  /* the sequences this worker runs */
  int           part;         /* 0: every test; 1: quick only; 2: slow only */
  GCancellable *cancellable;
  Progress     *progress;
} Work;

static gpointer
work_run (gpointer data)
{
  Work *w = data;

  for (guint i = w->first; i < w->last; i++)
    {
      if (g_cancellable_is_cancelled (w->cancellable))
        break;
      if (w->part != 2)
        run_quick (&w->sequences[i]);
      if (w->part != 1)
        run_slow (&w->sequences[i]);
      if (w->part == 0 && w->progress->progress != NULL)
        {
          g_mutex_lock (&w->progress->lock);
          w->progress->done++;
          w->progress->progress (w->progress->done, w->progress->total, w->progress->data);
          g_mutex_unlock (&w->progress->lock);
        }
    }
  return NULL;
}

static void
judge_row (NcNistRow *row,
           guint      n_sequences)
{
  guint bins[10] = { 0 };
  double chi2 = 0.0, p_hat = 1.0 - NC_NIST_ALPHA;

  row->applicable = row->passed = 0;
  for (guint i = 0; i < n_sequences; i++)
    if (!isnan (row->p[i]))
      {
        row->applicable++;
        row->passed += row->p[i] >= NC_NIST_ALPHA;
        bins[MIN ((guint) floor (row->p[i] * 10.0), 9u)]++;
      }
  if (row->applicable == 0)
    {
      row->proportion_low = NAN;
      row->proportion_ok = TRUE;
      row->uniformity_p = NAN;
      row->uniformity_ok = TRUE;
      return;
    }
  row->proportion_low = p_hat - 3.0 * sqrt (p_hat * NC_NIST_ALPHA / row->applicable);
  row->proportion_ok = (double) row->passed / row->applicable >= row->proportion_low;
  if (row->applicable < NC_NIST_MIN_UNIFORMITY_SEQUENCES)
    {
      row->uniformity_p = NAN;
      row->uniformity_ok = TRUE;
      return;
    }
  for (guint b = 0; b < 10; b++)
    {
      double e = row->applicable / 10.0;

      chi2 += (bins[b] - e) * (bins[b] - e) / e;
    }
  row->uniformity_p = nc_igamc (4.5, chi2 / 2.0);
  row->uniformity_ok = row->uniformity_p >= 0.0001;
}

/**
 * nc_nist_run:
 * @bits: @n_sequences × @n_bits bits, one per byte
 *
 * Runs the fifteen tests on each sequence, with NIST's default
 * parameters, on both cores, and judges each of the 188 rows over the
 * sequences. Tests a sequence is too short for are marked not applicable
 * (their p-values NAN) with the reason.
 */
NcNistReport *
nc_nist_run (const guint8   *bits,
             guint64         n_bits,
             guint           n_sequences,
             NcNistProgress  progress,
             gpointer        progress_data,
             GCancellable   *cancellable,
             GError        **error)
{
  Progress shared = { progress, progress_data, { 0 }, 0, n_sequences };
  g_autoptr(NcNistReport) report = NULL;
  g_autofree Sequence *sequences = NULL;
  g_autofree double *p = NULL;
  guint templates[NC_NIST_N_TEMPLATES];
  Work first = { 0 }, second = { 0 };

  if (n_bits < 100 || n_sequences == 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("The NIST tests need at least 100 bits per sequence and one sequence"));
      return NULL;
    }
  nc_nist_aperiodic_templates (NC_NIST_TEMPLATE_M, templates, NC_NIST_N_TEMPLATES);

  report = g_new0 (NcNistReport, 1);
  report->n_bits = n_bits;
  report->n_sequences = n_sequences;
  init_rows (report, templates);

  p = g_new (double, (gsize) N_ROWS * n_sequences);
  sequences = g_new0 (Sequence, n_sequences);
  for (guint i = 0; i < n_sequences; i++)
    {
      sequences[i].bits = bits + (gsize) i * n_bits;
      sequences[i].n = n_bits;
      sequences[i].templates = templates;
      sequences[i].p = p + (gsize) i * N_ROWS;
    }

  first.sequences = second.sequences = sequences;
  first.cancellable = second.cancellable = cancellable;
  first.progress = second.progress = &shared;
  g_mutex_init (&shared.lock);
  if (n_sequences == 1)
    {
      first.last = second.last = 1;
      first.part = 1;
      second.part = 2;
    }
  else
    {
      first.last = second.first = n_sequences / 2;
      second.last = n_sequences;
    }
  nc_run_halves (work_run, &first, &second, n_bits * n_sequences >= NC_PARALLEL_THRESHOLD);
  g_mutex_clear (&shared.lock);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (n_sequences == 1 && progress != NULL)
    progress (1, 1, progress_data);

  for (guint r = 0; r < N_ROWS; r++)
    {
      for (guint i = 0; i < n_sequences; i++)
        report->rows[r].p[i] = sequences[i].p[r];
      judge_row (&report->rows[r], n_sequences);
    }
  for (guint i = 0; i < n_sequences; i++)
    for (guint t = 0; t < NC_NIST_N_TESTS; t++)
      if (sequences[i].why[t] != NULL && report->not_applicable[t] == NULL)
        {
          guint skipped = n_sequences - report->rows[row_start[t]].applicable;

          report->not_applicable[t] = n_sequences == 1
            ? g_strdup (sequences[i].why[t])
            : g_strdup_printf ("%s (%u of %u sequences)", sequences[i].why[t],
                               skipped, n_sequences);
        }
  return g_steal_pointer (&report);
}

void
nc_nist_report_free (NcNistReport *report)
{
  if (report == NULL)
    return;
  for (guint r = 0; r < N_ROWS; r++)
    g_free (report->rows[r].p);
  for (guint t = 0; t < NC_NIST_N_TESTS; t++)
    g_free (report->not_applicable[t]);
  g_free (report);
}

const NcNistRow *
nc_nist_report_first_row (const NcNistReport *report,
                          NcNistTest          test,
                          guint              *n_rows,
                          guint              *n_rows_ok)
{
  guint ok = 0;

  for (guint r = row_start[test]; r < row_start[test + 1]; r++)
    ok += nc_nist_row_passes (&report->rows[r]);
  if (n_rows != NULL)
    *n_rows = row_start[test + 1] - row_start[test];
  if (n_rows_ok != NULL)
    *n_rows_ok = ok;
  return &report->rows[row_start[test]];
}

gboolean
nc_nist_row_passes (const NcNistRow *row)
{
  return row->applicable > 0 && row->proportion_ok && row->uniformity_ok;
}

guint
nc_nist_report_count_failed (const NcNistReport *report)
{
  guint failed = 0;

  for (guint r = 0; r < NC_NIST_N_ROWS; r++)
    failed += report->rows[r].applicable > 0 && !nc_nist_row_passes (&report->rows[r]);
  return failed;
}

const NcNistRow *
nc_nist_report_worst_row (const NcNistReport *report,
                          NcNistTest          test)
{
  const NcNistRow *worst = &report->rows[row_start[test]];

  for (guint r = row_start[test]; r < row_start[test + 1]; r++)
    {
      const NcNistRow *row = &report->rows[r];
      double p = report->n_sequences == 1 ? row->p[0] : row->uniformity_p;
      double worst_p = report->n_sequences == 1 ? worst->p[0] : worst->uniformity_p;

      if (nc_nist_row_passes (worst) && !nc_nist_row_passes (row) && row->applicable > 0)
        worst = row;
      else if (nc_nist_row_passes (worst) == nc_nist_row_passes (row) && row->applicable > 0 && p < worst_p)
        worst = row;
    }
  return worst;
}

/* ---- Where the bits come from ---- */

void
nc_nist_unpack (const guint8 *bytes,
                gsize         n_bytes,
                guint8       *bits)
{
  for (gsize i = 0; i < n_bytes; i++)
    for (guint k = 0; k < 8; k++)
      bits[i * 8 + k] = (bytes[i] >> (7 - k)) & 1;
}

/**
 * nc_nist_read_bits_file:
 *
 * Reads a file of ASCII '0' and '1' (NIST's format, as its data.e), any
 * whitespace ignored, at most @max_bits of them.
 */
guint8 *
nc_nist_read_bits_file (const char *path,
                        guint64     max_bits,
                        guint64    *n_bits,
                        GError    **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_filename_display_name (path);
  g_autofree guint8 *bits = NULL;
  gsize length, count = 0;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_IO, _("Could not read “%s”: %s"), name, local->message);
      return NULL;
    }
  bits = g_malloc (MAX (length, 1));
  for (gsize i = 0; i < length && count < max_bits; i++)
    {
      char c = contents[i];

      if (c == '0' || c == '1')
        bits[count++] = (guint8) (c - '0');
      else if (!g_ascii_isspace (c))
        {
          g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT,
                       _("“%s” is not a file of ASCII bits: byte %llu is %s"), name,
                       (unsigned long long) (i + 1),
                       g_ascii_isprint (c) ? _("a printable character other than 0 and 1") : _("not printable"));
          return NULL;
        }
    }
  if (count == 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_CORRUPT, _("“%s” holds no bits"), name);
      return NULL;
    }
  *n_bits = count;
  return g_steal_pointer (&bits);
}

/* Rows of the zero image the stream is read from. */
#define STREAM_WIDTH 1024

/**
 * nc_engine_zero_stream:
 *
 * Encrypts an all-zero gray image of 1024 columns and as many rows as
 * needed under @key, with its nonce as it stands, and returns the first
 * @n_bytes samples in row order: the keystream itself where the cipher
 * adds or XORs a keystream to the samples, since zero plus the keystream
 * is the keystream; the zero image's ciphertext otherwise.
 */
guint8 *
nc_engine_zero_stream (const NcEngine *engine,
                       const NcParams *key,
                       gsize           n_bytes,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(NcImage) zero = NULL, cipher = NULL;
  guint64 rows = (n_bytes + STREAM_WIDTH - 1) / STREAM_WIDTH;

  if (n_bytes == 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("No bytes asked for"));
      return NULL;
    }
  if (rows > G_MAXUINT)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, _("%llu bytes is too many"),
                   (unsigned long long) n_bytes);
      return NULL;
    }
  zero = nc_image_new (STREAM_WIDTH, (guint) rows, 1, error);
  if (zero == NULL)
    return NULL;
  cipher = nc_image_new_like (zero, error);
  if (cipher == NULL ||
      !nc_engine_encrypt (engine, key, zero, cipher, cancellable, error))
    return NULL;
  return g_memdup2 (cipher->data, n_bytes);
}

guint8 *
nc_engine_zero_stream_bits (const NcEngine *engine,
                            const NcParams *key,
                            guint64         n_bits,
                            GCancellable   *cancellable,
                            GError        **error)
{
  gsize n_bytes = (gsize) ((n_bits + 7) / 8);
  g_autofree guint8 *bytes = nc_engine_zero_stream (engine, key, n_bytes, cancellable, error);
  guint8 *bits;

  if (bytes == NULL)
    return NULL;
  bits = g_new (guint8, n_bytes * 8);
  nc_nist_unpack (bytes, n_bytes, bits);
  return bits;
}
