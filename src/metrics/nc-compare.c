/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The comparison of every engine and variant on one image, and the
 * review's conclusions checked against what the rows measured. The review
 * states them in its abstract (Lyu 2025); each is paraphrased here and
 * judged only as far as these rows, this image and these keys go. */
#include "nc-compare.h"
#include "nc-i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nc-parallel.h"

/* "A relatively large key space": 2^80, the usual lower bound for a key
 * search called infeasible. */
#define LARGE_KEY_BITS 80.0
/* "Sensitive to the key": flipping its lowest bit changes nearly every
 * sample, by about a third of the range on average (the ideal is 99.61 %
 * and 33.46 %); Wu's tests, stricter, are in the row's verdicts. */
#define SENSITIVE_NPCR 99.0
#define SENSITIVE_UACI 30.0
/* Noise resistance is read at 1 % salt-and-pepper (nc_suite_noise_strengths). */
#define NOISE_KIND NC_NOISE_SALT_AND_PEPPER
/* An exact decryption of damaged data has infinite PSNR; ranks need a
 * finite value above any measured one. */
#define PSNR_CAP 200.0

const char *
nc_claim_outcome_to_string (NcClaimOutcome outcome)
{
  switch (outcome)
    {
    case NC_CLAIM_SUPPORTED:
      return "supported";
    case NC_CLAIM_CONTRADICTED:
      return "contradicted";
    case NC_CLAIM_DEPENDS:
      return "depends";
    case NC_CLAIM_NOT_SHOWN:
      return "not shown";
    case NC_CLAIM_NOT_TESTED:
    default:
      return "not tested";
    }
}

static void
keep_variant (NcParams *params,
              gpointer  data)
{
  nc_params_set (params, NC_PARAM_VARIANT_ID, (double) *(guint64 *) data, NULL);
}

/**
 * nc_compare_key:
 * @key_seed: 0 for the engine's default key, otherwise the seed of a
 *   random key drawn as keygen draws them (no weak keys)
 *
 * The key a comparison row uses.
 */
NcParams *
nc_compare_key (const NcEngine  *engine,
                guint64          variant,
                guint64          key_seed,
                GError         **error)
{
  g_autoptr(NcParams) key = nc_engine_new_params (engine);

  if (nc_engine_get_variant_spec (engine) != NULL)
    keep_variant (key, &variant);
  if (key_seed != 0)
    {
      NcRng rng;

      nc_rng_init (&rng, key_seed * 1000003 + variant * 7919 + (guint64) engine->family);
      if (!nc_engine_draw_key (engine, key, &rng, keep_variant, &variant, FALSE, error))
        return NULL;
    }
  return g_steal_pointer (&key);
}

/**
 * nc_analysis_uncorrelated:
 *
 * Whether no adjacent-pixel correlation of the ciphertext is significant
 * at α = 0.05 over the channels and directions together (Bonferroni):
 * nine tests at 0.05 each would fail a good cipher one time in three.
 */
gboolean
nc_analysis_uncorrelated (const NcAnalysis *a)
{
  guint tests = 3 * a->cipher.channels;
  double widen = nc_normal_quantile (1.0 - 0.05 / (2.0 * tests)) / nc_normal_quantile (0.975);
  gboolean uncorrelated = TRUE;

  for (guint d = 0; d < 3; d++)
    for (guint c = 0; c < a->cipher.channels; c++)
      {
        const NcVerdict *v = &a->cipher.correlation_verdict[c][d];

        uncorrelated &= v->outcome != NC_OUTCOME_NOT_APPLICABLE &&
                        fabs (a->cipher.correlation[c][d]) <= v->high * widen;
      }
  return uncorrelated;
}

static void
row_read (NcCompareRow *row)
{
  const NcAnalysis *a = &row->analysis;
  g_autoptr(GString) broken = g_string_new (NULL);

  row->key_sensitive = a->key.ciphers.npcr >= SENSITIVE_NPCR && a->key.ciphers.uaci >= SENSITIVE_UACI;
  row->uncorrelated = nc_analysis_uncorrelated (a);
  for (guint d = 0; d < 3; d++)
    {
      row->correlation[d] = 0.0;
      for (guint c = 0; c < a->cipher.channels; c++)
        row->correlation[d] += a->cipher.correlation[c][d] / a->cipher.channels;
    }
  for (guint i = 0; i < a->n_attacks; i++)
    if (a->attacks[i].broken)
      {
        const NcAttack *attack = nc_attack_find (a->attacks[i].attack, NULL);

        row->n_broken++;
        g_string_append_printf (broken, "%s%s", broken->len > 0 ? ", " : "",
                                attack != NULL ? nc_tr (attack->name) : a->attacks[i].attack);
      }
  row->broken_by = row->n_broken > 0 ? g_strdup (broken->str) : NULL;
}

typedef struct {
  const NcImage      *plain;
  const NcImageStats *plain_stats;
  NcComparison       *comparison;
  guint64             key_seed;
  NcCompareProgress   progress;
  gpointer            progress_data;
  GCancellable       *cancellable;
  GMutex              lock;
  gint                next;     /* the next row to measure */
  guint               done;
  GError             *error;
} Run;

/* Each of the two threads takes the next row until none is left: the
 * engines differ in cost, so a fixed split would leave one idle. */
static gpointer
rows_run (gpointer data)
{
  Run *run = data;

  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&run->next, 1);
      NcCompareRow *row;
      g_autoptr(NcParams) key = NULL;
      GError *error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (i >= run->comparison->n_rows || g_cancellable_is_cancelled (run->cancellable))
        break;
      row = &run->comparison->rows[i];
      key = nc_compare_key (row->engine, row->variant, run->key_seed, &error);
      if (key == NULL ||
          !nc_analysis_run_with_plain (run->plain, run->plain_stats, NULL, row->engine, key, 0,
                                       NC_ANALYSIS_FULL | NC_ANALYSIS_TWO_NOISES, &row->analysis,
                                       run->cancellable, &error))
        {
          g_mutex_lock (&run->lock);
          if (run->error == NULL)
            run->error = error;
          else
            g_error_free (error);
          g_mutex_unlock (&run->lock);
          break;
        }
      row_read (row);
      /* The numbers are what a row shows; its images, 30 MB of them at
       * 512² RGB, would make thirteen rows hold 400 MB. */
      nc_analysis_drop_images (&row->analysis);
      row->seconds = (g_get_monotonic_time () - start) / 1e6;
      g_mutex_lock (&run->lock);
      run->done++;
      if (run->progress != NULL)
        run->progress (run->done, run->comparison->n_rows, row, run->progress_data);
      g_mutex_unlock (&run->lock);
    }
  return NULL;
}

/* ---- The review's conclusions ---- */

/* Whether @row has what the review says follows from key sensitivity;
 * if not, appends "label: what it lacks; " to @why. */
static gboolean
row_secure_as_claimed (const NcCompareRow *row,
                       GString            *why)
{
  const NcAnalysis *a = &row->analysis;
  double bits = a->has_key_space ? a->key_space.effective_bits : a->nominal_key_bits;
  g_autoptr(GString) lacks = g_string_new (NULL);

  if (bits < LARGE_KEY_BITS)
    g_string_append_printf (lacks, _("effective key space 2^%.0f, under 2^80"), bits);
  if (!row->uncorrelated)
    g_string_append_printf (lacks, _("%sadjacent ciphertext pixels correlated"), lacks->len > 0 ? ", " : "");
  if (row->n_broken > 0)
    g_string_append_printf (lacks, _("%sbroken by %s"), lacks->len > 0 ? ", " : "", row->broken_by);
  if (lacks->len == 0)
    return TRUE;
  g_string_append_printf (why, "%s: %s; ", row->label, lacks->str);
  return FALSE;
}

/* "A model sensitive to its initial value has a large key space, low
 * adjacent-pixel correlation, encrypts well and is harder to crack." */
static void
judge_sensitivity (const NcComparison *c,
                   NcClaim            *claim)
{
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GString) held = g_string_new (NULL);
  guint sensitive = 0, good = 0, rows = 0;

  for (guint i = 0; i < c->n_rows; i++)
    {
      const NcCompareRow *row = &c->rows[i];

      if ((int) row->engine->family != claim->family)
        continue;
      rows++;
      if (!row->key_sensitive)
        continue;
      sensitive++;
      if (row_secure_as_claimed (row, why))
        {
          good++;
          g_string_append_printf (held, "%s%s", held->len > 0 ? ", " : "", row->label);
        }
    }
  if (why->len >= 2)
    g_string_truncate (why, why->len - 2);
  if (rows == 0 || sensitive == 0)
    {
      claim->outcome = NC_CLAIM_NOT_TESTED;
      claim->reason = g_strdup (rows == 0 ? _("no engine of this family was compared")
                                          : _("no variant was key-sensitive with its key"));
    }
  else if (good == sensitive)
    {
      claim->outcome = NC_CLAIM_SUPPORTED;
      claim->reason = g_strdup_printf (_("all %u key-sensitive variant%s had at least 2^80 effective keys, "
                                       "uncorrelated ciphertexts and resisted every attack tried"),
                                       sensitive, sensitive == 1 ? "" : "s");
    }
  else if (good == 0)
    {
      claim->outcome = NC_CLAIM_CONTRADICTED;
      claim->reason = g_strdup_printf (_("key-sensitive, yet: %s"), why->str);
    }
  else
    {
      claim->outcome = NC_CLAIM_DEPENDS;
      claim->reason = g_strdup_printf (_("holds for %s; not for %s"), held->str, why->str);
    }
}

static int
compare_index_by_value (const void *a,
                        const void *b,
                        void       *values)
{
  double x = ((double *) values)[*(const guint *) a], y = ((double *) values)[*(const guint *) b];

  return (x > y) - (x < y);
}

/* Ranks, ties sharing their mean rank. */
static void
ranks (const double *values,
       guint         n,
       double       *out)
{
  g_autofree guint *order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof *order, compare_index_by_value, (gpointer) values);
  for (guint i = 0; i < n;)
    {
      guint j = i;

      while (j + 1 < n && values[order[j + 1]] == values[order[i]])
        j++;
      for (guint k = i; k <= j; k++)
        out[order[k]] = (i + j) / 2.0 + 1.0;
      i = j + 1;
    }
}

static double
spearman (const double *x,
          const double *y,
          guint         n)
{
  g_autofree double *rx = g_new (double, n), *ry = g_new (double, n);
  double mx = (n + 1) / 2.0, sxy = 0.0, sxx = 0.0, syy = 0.0;

  ranks (x, n, rx);
  ranks (y, n, ry);
  for (guint i = 0; i < n; i++)
    {
      sxy += (rx[i] - mx) * (ry[i] - mx);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - mx) * (ry[i] - mx);
    }
  return sxx > 0.0 && syy > 0.0 ? sxy / sqrt (sxx * syy) : 0.0;
}

/* "An image that resists noise better is more distorted and has a higher
 * visual entropy": rank correlations over the rows. */
static void
judge_noise (const NcComparison *c,
             NcClaim            *claim)
{
  guint n = c->n_rows;
  g_autofree double *noise = g_new (double, n), *distortion = g_new (double, n), *entropy = g_new (double, n);
  double rho_d, rho_e, critical;
  int sd, se;

  if (n < 4)
    {
      claim->outcome = NC_CLAIM_NOT_TESTED;
      claim->reason = g_strdup (_("needs at least four rows"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const NcAnalysis *a = &c->rows[i].analysis;

      noise[i] = MIN (a->noise_psnr[NOISE_KIND][NC_SUITE_SHOWN_NOISE], PSNR_CAP);
      distortion[i] = 1.0 - a->distortion_ssim;
      entropy[i] = a->cipher.entropy_all;
    }
  rho_d = spearman (noise, distortion, n);
  rho_e = spearman (noise, entropy, n);
  /* One-sided α = 0.05, the normal approximation of Spearman's ρ. */
  critical = nc_normal_quantile (0.95) / sqrt (n - 1.0);
  sd = fabs (rho_d) > critical ? (rho_d > 0 ? 1 : -1) : 0;
  se = fabs (rho_e) > critical ? (rho_e > 0 ? 1 : -1) : 0;
  if (sd > 0 && se > 0)
    claim->outcome = NC_CLAIM_SUPPORTED;
  else if (sd < 0 || se < 0)
    claim->outcome = NC_CLAIM_CONTRADICTED;
  else
    claim->outcome = NC_CLAIM_NOT_SHOWN;
  claim->reason = g_strdup_printf (_("over %u rows, the PSNR of the decryption after 1 %% salt-and-pepper "
                                   "noise against distortion (1 − SSIM(P, C)): Spearman ρ = %+.2f; "
                                   "against ciphertext entropy: ρ = %+.2f (|ρ| > %.2f is significant "
                                   "at α = 0.05)"), n, rho_d, rho_e, critical);
}

static const struct {
  const char *id, *claim;
} claim_texts[] = {
  { "sensitivity",
    N_("A model sensitive to its initial value has a relatively large key space, low correlation of "
    "adjacent pixels, encrypts well and is harder to crack.") },
  { "noise",
    N_("The more an encrypted image resists noise, the larger its distortion and the higher its "
    "visual entropy.") },
};

static void
judge_claims (NcComparison *c)
{
  static const NcFamily families[] = {
    NC_FAMILY_CHAOTIC, NC_FAMILY_CELLULAR, NC_FAMILY_CONVOLUTIONAL, NC_FAMILY_ADVERSARIAL,
  };

  c->n_claims = G_N_ELEMENTS (families) + 1;
  c->claims = g_new0 (NcClaim, c->n_claims);
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      NcClaim *claim = &c->claims[f];

      claim->id = claim_texts[0].id;
      claim->claim = nc_tr (claim_texts[0].claim);
      claim->source = "Lyu (2025), abstract";
      claim->family = (int) families[f];
      judge_sensitivity (c, claim);
    }
  c->claims[G_N_ELEMENTS (families)].id = claim_texts[1].id;
  c->claims[G_N_ELEMENTS (families)].claim = nc_tr (claim_texts[1].claim);
  c->claims[G_N_ELEMENTS (families)].source = "Lyu (2025), abstract";
  c->claims[G_N_ELEMENTS (families)].family = -1;
  judge_noise (c, &c->claims[G_N_ELEMENTS (families)]);
}

/**
 * nc_compare_run:
 * @engine_ids: (nullable): the engines to compare, every one when %NULL
 * @key_seed: 0 for each engine's default key, otherwise the seed of the
 *   random keys drawn
 * @progress: (nullable): called after each row
 *
 * Runs the full analysis (attacks included) of every variant of every
 * engine on @plain, two rows at a time, the plaintext measured once.
 */
NcComparison *
nc_compare_run (const NcImage      *plain,
                const char * const *engine_ids,
                guint64             key_seed,
                NcCompareProgress   progress,
                gpointer            progress_data,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(NcComparison) comparison = g_new0 (NcComparison, 1);
  g_autoptr(GPtrArray) engines = g_ptr_array_new ();
  NcImageStats plain_stats;
  Run run = { 0 };
  gint64 start = g_get_monotonic_time ();
  guint n_rows = 0, r = 0;

  if (engine_ids == NULL)
    {
      guint n;
      const NcEngine * const *list = nc_engines_list (&n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (engines, (gpointer) list[i]);
    }
  for (gsize i = 0; engine_ids != NULL && engine_ids[i] != NULL; i++)
    {
      const NcEngine *engine = nc_engine_find (engine_ids[i], error);

      if (engine == NULL)
        return NULL;
      g_ptr_array_add (engines, (gpointer) engine);
    }
  for (guint e = 0; e < engines->len; e++)
    n_rows += nc_engine_get_n_variants (engines->pdata[e]);
  comparison->n_rows = n_rows;
  comparison->key_seed = key_seed;
  comparison->rows = g_new0 (NcCompareRow, n_rows);
  for (guint e = 0; e < engines->len; e++)
    {
      const NcEngine *engine = engines->pdata[e];
      const NcParamSpec *variants = nc_engine_get_variant_spec (engine);

      for (guint64 v = 0; v < nc_engine_get_n_variants (engine); v++, r++)
        {
          comparison->rows[r].engine = engine;
          comparison->rows[r].variant = v;
          comparison->rows[r].variant_id = g_strdup (variants != NULL ? variants->choices[v].id : "");
          comparison->rows[r].label = nc_engine_describe_variant (engine, v);
        }
    }

  nc_image_stats_compute (plain, NC_SUITE_DEFAULT_PAIRS, NC_SUITE_DEFAULT_SEED, &plain_stats);
  run.plain = plain;
  run.plain_stats = &plain_stats;
  run.comparison = comparison;
  run.key_seed = key_seed;
  run.progress = progress;
  run.progress_data = progress_data;
  run.cancellable = cancellable;
  g_mutex_init (&run.lock);
  nc_run_queue (rows_run, &run, n_rows);
  g_mutex_clear (&run.lock);
  nc_image_stats_clear (&plain_stats);

  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  judge_claims (comparison);
  comparison->seconds = (g_get_monotonic_time () - start) / 1e6;
  return g_steal_pointer (&comparison);
}

void
nc_comparison_free (NcComparison *comparison)
{
  if (comparison == NULL)
    return;
  for (guint i = 0; i < comparison->n_rows; i++)
    {
      nc_analysis_clear (&comparison->rows[i].analysis);
      g_free (comparison->rows[i].variant_id);
      g_free (comparison->rows[i].label);
      g_free (comparison->rows[i].broken_by);
    }
  for (guint i = 0; i < comparison->n_claims; i++)
    g_free (comparison->claims[i].reason);
  g_free (comparison->rows);
  g_free (comparison->claims);
  g_free (comparison);
}
