/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Generative adversarial network: generators trained in the project
 * (nc-adversarial-train.c) against discriminators that tell their output
 * from uniform noise, run on 8 × 8 patches of each channel plane.
 *
 * The key is the latent vector z: NC_GAN_LATENT values of
 * NC_GAN_LATENT_LEVELS levels. z is the generator's input, and a hash of
 * z seeds the per-patch noise codes that make every patch's output
 * different (a generator sees one patch at a time).
 *
 * adversarial perturbation     P = G(z, n) is added to the patch mod 256;
 * distribution transformation  G(z, n, x_a) is the coupling function of
 *                              an additive coupling layer: the samples of
 *                              one checkerboard half move by
 *                              round(256 · G) mod 256 computed from the
 *                              other half, then the halves swap;
 * direct ciphertext generation four such coupling steps, each with its
 *                              own generator, trained end to end so their
 *                              composition produces the ciphertext.
 *
 * Decryption runs the steps backwards, subtracting: exact, whatever the
 * generator computes. The permutation and diffusion stages are off by
 * default, so what the ciphertext shows is the generators' work. */
#include "nc-engine.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-adversarial.h"
#include "nc-math.h"
#include "nc-stages.h"

#define BLOCK 32    /* patches evaluated together, side by side */
#define MAX_INPUTS (NC_GAN_LATENT + NC_GAN_NOISE + NC_GAN_HALF)
#define VARIABLE_INPUTS (MAX_INPUTS - NC_GAN_LATENT)

static const NcParamChoice variants[] = {
  { "perturbation", N_("Adversarial perturbation") },
  { "transformation", N_("Distribution transformation") },
  { "direct", N_("Direct ciphertext generation") },
  { NULL, NULL },
};

#define LATENT_SPEC(n, label, fallback) \
  { "z" #n, label, NC_PARAM_INT, 0, NC_GAN_LATENT_LEVELS - 1, 1, fallback, "", \
    N_("One dimension of the generator's latent noise z (the key)"), TRUE, NULL, 0, FALSE, FALSE }

static const NcParamSpec adversarial_params[] = {
  { "variant", N_("Variant"), NC_PARAM_CHOICE, 0, 2, 1, 2, "",
    N_("Add a generated perturbation, couple the halves through a generator, or "
    "generate the ciphertext through four coupling steps"),
    FALSE, variants, 0, FALSE, FALSE },
  LATENT_SPEC (1, N_("Latent z1"), 40503),
  LATENT_SPEC (2, N_("Latent z2"), 2718),
  LATENT_SPEC (3, N_("Latent z3"), 31415),
  LATENT_SPEC (4, N_("Latent z4"), 1618),
  LATENT_SPEC (5, N_("Latent z5"), 14142),
  LATENT_SPEC (6, N_("Latent z6"), 57721),
  LATENT_SPEC (7, N_("Latent z7"), 17320),
  LATENT_SPEC (8, N_("Latent z8"), 22360),
  { "hashed_codes", N_("Codes hashed from z"), NC_PARAM_FLAG, 0, 1, 1, 1, "",
    N_("Draw each patch's noise code from a 64-bit hash of z (on); off, the codes depend on the "
    "patch's position alone and z reaches the ciphertext only through the generators, to show "
    "the network's own key sensitivity"), FALSE, NULL, 0, FALSE, FALSE },
  NC_STAGE_PARAM_SPECS_WITH (0, 0),
  NC_NONCE_PARAM_SPECS,
};


/* One coupling (or perturbation) step, its generator and its first-layer
 * bias with the key's contribution folded in. */
typedef struct {
  const NcMlp *g;
  float        bias1[NC_GAN_MAX_HIDDEN];
  guint        n_out;
} Step;

typedef struct {
  NcGanVariant  variant;
  guint         n_steps;
  Step          steps[NC_GAN_DIRECT_STEPS];
  guint64       seed;
  guint8        positions[2][NC_GAN_HALF];
  guint         width, height, channels;
  guint         cols, rows;     /* patches across and down */
  guint8       *data;
  gboolean      inverse;
  GCancellable *cancellable;
} Plan;

typedef struct {
  const Plan *plan;
  guint       row0, row1;
  gboolean    cancelled;
} Job;

/* Patch rows a job (NC_GAN_PATCH pixel rows each). */
#define PATCH_ROWS_A_JOB 4

/* Every intermediate of a block of patches, feature-major: element p of
 * each row belongs to patch p, so eight patches fill one vector. */
typedef NcFloat8 v8sf;
typedef NcInt8 v8si;
#define LANES 8
#define NV (BLOCK / LANES)

typedef struct {
  v8sf   in[VARIABLE_INPUTS][NV];
  v8sf   hidden[NC_GAN_MAX_HIDDEN][NV];
  guint8 samples[NC_GAN_PATCH_SAMPLES][BLOCK];
  guint8 inside[NC_GAN_PATCH_SAMPLES][BLOCK];   /* 0xff where in the image */
  guint8 shift[BLOCK];
} Block;

/* floor(256 · g) modulo 256, i.e. the generator's output taken modulo 1
 * in 1/256 steps. |256 g| < 2^31 as the weights are bounded. */
G_ALWAYS_INLINE static inline void
shift8 (const v8sf *g,
        guint8     *out)
{
  v8sf t = 256.0f * *g;
  v8si i = __builtin_convertvector (t, v8si);

  /* Conversion truncates towards zero; one less where that rounded up. */
  i += __builtin_convertvector (i, v8sf) > t;
  for (guint l = 0; l < LANES; l++)
    out[l] = (guint8) i[l];
}

G_ALWAYS_INLINE static inline void
run_step (const Plan *plan,
          guint       s,
          Block      *blk,
          guint       n,
          guint64     counter0)
{
  const Step *step = &plan->steps[s];
  const NcMlp *g = step->g;
  guint n_variable = g->n_in - NC_GAN_LATENT;
  gboolean coupling = plan->variant != NC_GAN_PERTURBATION;
  const guint8 *a = plan->positions[s & 1];
  const guint8 *b = plan->positions[(s & 1) ^ 1];

  /* Inputs: the noise code, then (coupling) the unchanged half. */
  for (guint p = 0; p < n; p++)
    {
      guint64 h = nc_mix64 (plan->seed + (counter0 + p + 1) * NC_GOLDEN_GAMMA);

      for (guint i = 0; i < NC_GAN_NOISE; i++)
        blk->in[i][p / LANES][p % LANES] = (float) ((h >> (8 * i)) & 0xff) / 127.5f - 1.0f;
    }
  if (coupling)
    for (guint k = 0; k < NC_GAN_HALF; k++)
      {
        const guint8 *row = blk->samples[a[k]];
        float *in = (float *) blk->in[NC_GAN_NOISE + k];

        for (guint p = 0; p < BLOCK; p++)
          in[p] = (float) row[p] * (1.0f / 128.0f) - 1.0f;
      }

  /* Hidden layer: the block's accumulators stay in registers. */
  for (guint j = 0; j < g->n_hidden; j++)
    {
      const float *w = g->w1 + (gsize) j * g->n_in + NC_GAN_LATENT;
      v8sf acc[NV];

      for (guint v = 0; v < NV; v++)
        acc[v] = (v8sf) { 0 } + step->bias1[j];
      for (guint i = 0; i < n_variable; i++)
        for (guint v = 0; v < NV; v++)
          acc[v] += w[i] * blk->in[i][v];
      for (guint v = 0; v < NV; v++)
        {
          nc_tanhf8 (&acc[v]);
          blk->hidden[j][v] = acc[v];
        }
    }

  /* Output layer, straight into the shifts. */
  for (guint o = 0; o < step->n_out; o++)
    {
      const float *w = g->w2 + (gsize) o * g->n_hidden;
      guint8 *row = blk->samples[coupling ? b[o] : o];
      const guint8 *inside = blk->inside[coupling ? b[o] : o];
      v8sf acc[NV];

      for (guint v = 0; v < NV; v++)
        acc[v] = (v8sf) { 0 } + g->b2[o];
      for (guint j = 0; j < g->n_hidden; j++)
        for (guint v = 0; v < NV; v++)
          acc[v] += w[j] * blk->hidden[j][v];
      for (guint v = 0; v < NV; v++)
        shift8 (&acc[v], blk->shift + v * LANES);
      /* Samples outside the image stay zero: a later step reads them,
       * and decryption starts from zeros there too. */
      if (plan->inverse)
        for (guint p = 0; p < BLOCK; p++)
          row[p] = (guint8) (row[p] - (blk->shift[p] & inside[p]));
      else
        for (guint p = 0; p < BLOCK; p++)
          row[p] = (guint8) (row[p] + (blk->shift[p] & inside[p]));
    }
}

/* Patches whose pixels fall outside the image read (and keep) zeros
 * there; nothing is written outside. */
G_ALWAYS_INLINE static inline void
run_rows (Job *job)
{
  const Plan *plan = job->plan;
  Block *blk = g_aligned_alloc0 (1, sizeof (Block), 32);
  guint channels = plan->channels;

  for (guint py = job->row0; py < job->row1 && !job->cancelled; py++)
    {
      if (g_cancellable_is_cancelled (plan->cancellable))
        job->cancelled = TRUE;
      for (guint c = 0; c < channels && !job->cancelled; c++)
        for (guint px0 = 0; px0 < plan->cols; px0 += BLOCK)
          {
            guint n = MIN (BLOCK, plan->cols - px0);
            guint y1 = MIN (NC_GAN_PATCH, plan->height - py * NC_GAN_PATCH);

            memset (blk->samples, 0, sizeof blk->samples);
            memset (blk->inside, 0, sizeof blk->inside);
            for (guint p = 0; p < n; p++)
              {
                guint x0 = (px0 + p) * NC_GAN_PATCH;
                guint x1 = MIN (NC_GAN_PATCH, plan->width - x0);

                for (guint y = 0; y < y1; y++)
                  {
                    const guint8 *src = plan->data
                      + ((gsize) (py * NC_GAN_PATCH + y) * plan->width + x0) * channels + c;

                    for (guint x = 0; x < x1; x++)
                      {
                        blk->samples[y * NC_GAN_PATCH + x][p] = src[(gsize) x * channels];
                        blk->inside[y * NC_GAN_PATCH + x][p] = 0xff;
                      }
                  }
              }

            for (guint i = 0; i < plan->n_steps; i++)
              {
                guint s = plan->inverse ? plan->n_steps - 1 - i : i;
                guint64 counter = (((guint64) s * channels + c) * plan->rows + py) * plan->cols + px0;

                run_step (plan, s, blk, n, counter);
              }

            for (guint p = 0; p < n; p++)
              {
                guint x0 = (px0 + p) * NC_GAN_PATCH;
                guint x1 = MIN (NC_GAN_PATCH, plan->width - x0);

                for (guint y = 0; y < y1; y++)
                  {
                    guint8 *dst = plan->data
                      + ((gsize) (py * NC_GAN_PATCH + y) * plan->width + x0) * channels + c;

                    for (guint x = 0; x < x1; x++)
                      dst[(gsize) x * channels] = blk->samples[y * NC_GAN_PATCH + x][p];
                  }
              }
          }
    }
  g_aligned_free (blk);
}

NC_WIDE_VECTORS static gpointer
run_job (gpointer data)
{
  run_rows (data);
  return NULL;
}

/* The latent vector's values in [−1, 1], and a 64-bit hash of its levels
 * and the variant that seeds the noise codes and the stages. */
static guint64
latent_read (const NcParams *key,
             float           z[NC_GAN_LATENT])
{
  guint64 seed = G_GUINT64_CONSTANT (0x6e63616476657273) ^ nc_params_get_variant (key);
  guint64 nonce;

  for (guint i = 0; i < NC_GAN_LATENT; i++)
    {
      g_autofree char *id = g_strdup_printf ("z%u", i + 1);
      guint64 level = (guint64) nc_params_get (key, id);

      z[i] = (float) level / 32767.5f - 1.0f;
      seed = nc_mix64 (seed ^ (level + (guint64) (i + 1) * NC_GOLDEN_GAMMA));
    }
  /* A fresh nonce draws other noise codes and stage keystreams. */
  if (nc_params_get_nonce (key, &nonce))
    seed = nc_mix64 (seed ^ nonce);
  return seed;
}

static void
plan_init (Plan               *plan,
           const NcParams     *key,
           const NcGanWeights *weights,
           NcImage            *image,
           gboolean            inverse,
           GCancellable       *cancellable)
{
  float z[NC_GAN_LATENT];
  guint n[2] = { 0, 0 };

  memset (plan, 0, sizeof *plan);
  plan->variant = nc_params_get_variant (key);
  plan->n_steps = nc_gan_variant_steps (plan->variant);
  plan->seed = latent_read (key, z);
  /* Codes from the position alone: z acts through the generators only. */
  if (nc_params_get (key, "hashed_codes") == 0)
    plan->seed = G_GUINT64_CONSTANT (0x636f646573) ^ plan->variant;
  for (guint s = 0; s < plan->n_steps; s++)
    {
      Step *step = &plan->steps[s];

      step->g = nc_gan_weights_generator (weights, plan->variant, s);
      step->n_out = step->g->n_out;
      for (guint j = 0; j < step->g->n_hidden; j++)
        {
          const float *w = step->g->w1 + (gsize) j * step->g->n_in;
          float b = step->g->b1[j];

          for (guint i = 0; i < NC_GAN_LATENT; i++)
            b += w[i] * z[i];
          step->bias1[j] = b;
        }
    }
  for (guint y = 0; y < NC_GAN_PATCH; y++)
    for (guint x = 0; x < NC_GAN_PATCH; x++)
      {
        guint p = (x + y) & 1;

        plan->positions[p][n[p]++] = (guint8) (y * NC_GAN_PATCH + x);
      }
  plan->width = image->width;
  plan->height = image->height;
  plan->channels = image->channels;
  plan->cols = (image->width + NC_GAN_PATCH - 1) / NC_GAN_PATCH;
  plan->rows = (image->height + NC_GAN_PATCH - 1) / NC_GAN_PATCH;
  plan->data = image->data;
  plan->inverse = inverse;
  plan->cancellable = cancellable;
}

/* Runs the generator steps over @image in place. */
static gboolean
generate (const NcParams     *key,
          const NcGanWeights *weights,
          NcImage            *image,
          gboolean            inverse,
          GCancellable       *cancellable,
          GError            **error)
{
  Plan plan;
  g_autofree Job *jobs = NULL;
  guint n_jobs;

  plan_init (&plan, key, weights, image, inverse, cancellable);
  /* Bands of patch rows, taken by whichever thread is free. */
  n_jobs = nc_pieces_of (plan.rows, PATCH_ROWS_A_JOB);
  jobs = g_new (Job, n_jobs);
  for (guint j = 0; j < n_jobs; j++)
    jobs[j] = (Job) { &plan, MIN (j * PATCH_ROWS_A_JOB, plan.rows),
                      MIN ((j + 1) * PATCH_ROWS_A_JOB, plan.rows), FALSE };
  nc_run_jobs (run_job, jobs, sizeof *jobs, n_jobs,
               nc_image_get_n_bytes (image) >= NC_PARALLEL_THRESHOLD / 2);
  for (guint j = 0; j < n_jobs; j++)
    if (jobs[j].cancelled)
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
  return TRUE;
}

static gboolean
adversarial_crypt (const NcEngine *engine,
                   const NcParams *key,
                   const NcImage  *input,
                   NcImage        *output,
                   gboolean        decrypt,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(NcGanWeights) weights = nc_gan_weights_dup_for_key (key, error);
  NcPipeline stages;
  NcRng rng;
  float z[NC_GAN_LATENT];
  g_autofree guint8 *stage_samples = NULL;
  g_autofree guint8 *stage_control = NULL;
  gsize control_length;
  gboolean ok;

  (void) engine;
  if (weights == NULL)
    return FALSE;

  /* The stages' keystream from the same hash of z. */
  nc_pipeline_init (&stages, key, input);
  nc_rng_init (&rng, latent_read (key, z) ^ G_GUINT64_CONSTANT (0x5354414745530000));
  control_length = nc_pipeline_control_length (&stages);
  stage_control = g_new (guint8, control_length);
  for (gsize i = 0; i < control_length; i++)
    stage_control[i] = (guint8) (nc_rng_next (&rng) >> 56);
  if (stages.diffuse)
    {
      stage_samples = g_try_malloc (stages.n_samples);
      if (stage_samples == NULL)
        {
          g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, _("not enough memory for the keystream"));
          return FALSE;
        }
      for (gsize i = 0; i < stages.n_samples; i += 8)
        {
          guint64 v = nc_rng_next (&rng);

          for (gsize k = 0; k < 8 && i + k < stages.n_samples; k++)
            stage_samples[i + k] = (guint8) (v >> (8 * k));
        }
    }
  nc_pipeline_set_keystream_parts (&stages, stage_samples, stage_control);

  if (!decrypt)
    {
      g_autoptr(NcImage) work = nc_image_copy (input, error);

      ok = work != NULL
           && generate (key, weights, work, FALSE, cancellable, error)
           && nc_pipeline_encrypt (&stages, work, output, cancellable, error);
    }
  else
    ok = nc_pipeline_decrypt (&stages, input, output, cancellable, error)
         && generate (key, weights, output, TRUE, cancellable, error);
  nc_pipeline_clear (&stages);
  return ok;
}

/* Review eq. 4: K = V^D, the latent vector's D dimensions of V levels. */
static double
adversarial_nominal_bits (const NcEngine *engine,
                          const NcParams *key,
                          guint64         n_pixels)
{
  (void) engine;
  (void) key;
  (void) n_pixels;
  return NC_GAN_LATENT * log2 (NC_GAN_LATENT_LEVELS);
}

/* The cipher is the key and the generators: name the weights. */
static void
adversarial_add_metadata (const NcEngine *engine,
                          const NcParams *key,
                          GPtrArray      *metadata)
{
  g_autoptr(NcGanWeights) weights = nc_gan_weights_dup_for_key (key, NULL);

  (void) engine;
  if (weights != NULL)
    {
      g_ptr_array_add (metadata, g_strdup (NC_GAN_WEIGHTS_METADATA));
      g_ptr_array_add (metadata, g_strdup (weights->checksum));
    }
}

/* Most of the ciphertext follows the per-patch noise codes, drawn from a
 * 64-bit hash of z: with the hash held, one level of z changes well
 * under 1 % of the samples through the generators' own input. */
static double
adversarial_state_bits (const NcEngine *engine,
                        const NcParams *key,
                        const char    **out_what)
{
  (void) engine;
  if (nc_params_get (key, "hashed_codes") == 0)
    return 0.0;
  *out_what = _("the 64-bit hash of z that draws the per-patch noise codes carries the key; z's "
                "own path through the generators changes under 1 % of the samples a level");
  return 64.0;
}

const NcEngine nc_engine_adversarial = {
  .id = "adversarial",
  .name = N_("Generative adversarial"),
  .family = NC_FAMILY_ADVERSARIAL,
  .summary = N_("Generators trained against discriminators that tell their output from "
             "uniform noise, keyed by their latent vector z and run on 8 × 8 patches "
             "inside exactly invertible additive steps."),
  .schema = { "adversarial", adversarial_params, G_N_ELEMENTS (adversarial_params) },
  .nominal_formula = N_("K = V^D (eq. 4): a latent vector of D dimensions of V levels each"),
  .nominal_key_bits = adversarial_nominal_bits,
  .crypt = adversarial_crypt,
  .diagnose = NULL,
  .add_metadata = adversarial_add_metadata,
  .key_state_bits = adversarial_state_bits,
};
