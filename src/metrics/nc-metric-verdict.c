/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Verdicts: each statistical test decided once, here, with the critical
 * values and the significance level it used. The suite stores them in
 * its results; the CLI, the figures and the views only show them. */
#include "nc-metrics.h"

#include <math.h>

/* χ² needs about five expected samples a bin to follow its distribution. */
#define CHI_SQUARE_MIN_EXPECTED 5.0
/* Φ⁻¹(0.975): the two-sided 5 % bound of a correlation of n independent
 * pairs is this over √n. */
#define Z_975 1.959963984540054

static NcVerdict
judge (double value,
       double alpha,
       double low,
       double high)
{
  NcVerdict verdict = { NC_OUTCOME_NOT_APPLICABLE, alpha, low, high };

  if (isfinite (value))
    verdict.outcome = value >= low && value <= high ? NC_OUTCOME_PASS : NC_OUTCOME_FAIL;
  return verdict;
}

static NcVerdict
not_applicable (double alpha)
{
  return (NcVerdict) { NC_OUTCOME_NOT_APPLICABLE, alpha, NAN, NAN };
}

const char *
nc_outcome_to_string (NcOutcome outcome)
{
  switch (outcome)
    {
    case NC_OUTCOME_PASS:
      return "pass";
    case NC_OUTCOME_FAIL:
      return "fail";
    case NC_OUTCOME_NOT_APPLICABLE:
    default:
      return "does not apply";
    }
}

const char *
nc_outcome_to_symbol (NcOutcome outcome)
{
  switch (outcome)
    {
    case NC_OUTCOME_PASS:
      return "✓";
    case NC_OUTCOME_FAIL:
      return "✗";
    case NC_OUTCOME_NOT_APPLICABLE:
    default:
      return "–";
    }
}

/**
 * nc_verdict_chi_square:
 * @chi_square: χ² of a 256-bin histogram
 * @n: the samples behind it
 *
 * Uniform at α = 0.05 (255 degrees of freedom) while χ² stays at or below
 * the critical value; the test does not apply with fewer than five
 * expected samples a bin.
 */
NcVerdict
nc_verdict_chi_square (double  chi_square,
                       guint64 n)
{
  if ((double) n / 256.0 < CHI_SQUARE_MIN_EXPECTED)
    return not_applicable (0.05);
  return judge (chi_square, 0.05, 0.0, NC_CHI_SQUARE_CRITICAL_005);
}

/* The verdict: the α = 0.05 interval derived for the statistic
 * computed (nc_metric_local_entropy_interval()). */
NcVerdict
nc_verdict_local_entropy (double local_entropy)
{
  double low, high;

  nc_metric_local_entropy_interval (0.05, &low, &high);
  return judge (local_entropy, 0.05, low, high);
}

/* Shown beside it: the interval Wu et al. (2013) published, which holds
 * only about half of truly random images. */
NcVerdict
nc_verdict_local_entropy_published (double local_entropy)
{
  return judge (local_entropy, 0.05, NC_LOCAL_ENTROPY_LOW, NC_LOCAL_ENTROPY_HIGH);
}

/**
 * nc_verdict_correlation:
 * @r: a correlation coefficient
 * @n_pairs: the pairs behind it
 *
 * No correlation at α = 0.05 (two-sided) while |r| < Φ⁻¹(0.975) / √n.
 */
NcVerdict
nc_verdict_correlation (double  r,
                        guint64 n_pairs)
{
  double bound;

  if (n_pairs < 3)
    return not_applicable (0.05);
  bound = Z_975 / sqrt ((double) n_pairs);
  return judge (r, 0.05, -bound, bound);
}

/**
 * nc_verdict_differential:
 * @d: NPCR and UACI between two ciphertexts
 * @n: the samples compared
 * @out: (out): the verdicts at α = 0.05, 0.01 and 0.001, with the
 *   critical values of Wu, Noonan & Agaian (2011) for @n samples
 */
void
nc_verdict_differential (const NcDifferential   *d,
                         guint64                 n,
                         NcDifferentialVerdicts *out)
{
  for (int i = 0; i < NC_N_ALPHAS; i++)
    {
      NcDifferentialCritical critical;

      nc_metric_differential_critical (n, nc_alphas[i], &critical);
      out->npcr[i] = judge (d->npcr, nc_alphas[i], critical.npcr_critical, 100.0);
      out->uaci[i] = judge (d->uaci, nc_alphas[i], critical.uaci_low, critical.uaci_high);
      if (n == 0)
        out->npcr[i] = out->uaci[i] = not_applicable (nc_alphas[i]);
    }
}
