/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adversarial training of the three generators, each against its own
 * discriminator.
 *
 * Data: every non-overlapping 8 × 8 patch of every channel plane of the
 * training images, samples scaled to [0, 1). A generated ("fake") patch
 * is what the variant's ciphertext is: the patch run through the
 * variant's steps with a random key z and random noise codes, each
 * step adding the generator's output modulo 1. The "real" patches are
 * uniform noise, what an ideal cipher would give. The discriminator
 * learns to tell them apart (cross-entropy); the generator learns to
 * make it fail (non-saturating loss −log D(G)), with feature matching
 * on the discriminator's fixed first layer (below). The modulo passes
 * gradients through unchanged (its derivative is 1 almost everywhere).
 *
 * Optimiser: NcGanAdam (lr 1e-3, β1 0.5, β2 0.999), batches of 256, seeded
 * xoshiro256** for every random draw, a fixed order of operations: the
 * same seed and images give the same weights on every run. */
#include "nc-adversarial.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-adversarial-private.h"
#include "nc-math.h"

/* The discriminator judges single patches (SET_SIZE 1). Larger sets
 * (a set's logit the mean of its patches') were tried: the
 * discriminator then won outright and training stalled. */
#define SET_SIZE 1
#define BATCH_PATCHES 256
#define SETS (BATCH_PATCHES / SET_SIZE)
#define MATCHING 10.0f
#define BATCH BATCH_PATCHES

#define MAX_INPUTS (NC_GAN_LATENT + NC_GAN_NOISE + NC_GAN_HALF)

/* What the backward pass needs from one patch's trip through the steps. */
typedef struct {
  float in[NC_GAN_DIRECT_STEPS][MAX_INPUTS];
  float hidden[NC_GAN_DIRECT_STEPS][NC_GAN_MAX_HIDDEN];
  float fake[NC_GAN_PATCH_SAMPLES];
  float d_hidden[NC_GAN_DISC_HIDDEN];
  float d_in[N_FEATURES];
} Trace;

typedef struct {
  NcGanVariant variant;
  NcMlp       *generators[NC_GAN_DIRECT_STEPS];   /* per step; may repeat */
  guint        n_steps;
  NcMlp        disc;
  NcGanAdam         adam_g[NC_GAN_DIRECT_STEPS];       /* per distinct generator */
  NcGanAdam         adam_d;
  float       *grad_g[NC_GAN_DIRECT_STEPS];
  float       *grad_d;
  float       *grad_scratch;
  guint        n_distinct;
  /* Each pair draws from its own generator, so the pairs can train on
   * different threads and still repeat exactly. */
  NcRng        rng;
  const float *patches;
  guint        n_patches;
  Trace        traces[BATCH];
  float        real[BATCH][NC_GAN_PATCH_SAMPLES];
  float        real_in[BATCH][N_FEATURES];
  float        real_hidden[BATCH][NC_GAN_DISC_HIDDEN];
  NcGanStats   stats;
  float        matching[N_FEATURES];
  guint        steps;
} Gan;

struct _NcGanTrainer {
  guint64       seed;
  float        *patches;    /* [n_patches][64], in [0, 1) */
  guint         n_patches;
  guint         n_images;
  guint         epoch;
  NcGanWeights *weights;    /* being trained */
  Gan          *gans[NC_GAN_N_VARIANTS];
};

static guint
generator_slot (const Gan *gan,
                guint      step)
{
  return gan->variant == NC_GAN_DIRECT ? step : 0;
}

static void
gan_init (Gan          *gan,
          NcGanVariant  variant,
          NcGanWeights *weights,
          NcRng        *rng)
{
  gan->variant = variant;
  gan->n_steps = nc_gan_variant_steps (variant);
  gan->n_distinct = variant == NC_GAN_DIRECT ? NC_GAN_DIRECT_STEPS : 1;
  for (guint s = 0; s < gan->n_steps; s++)
    gan->generators[s] = (NcMlp *) nc_gan_weights_generator (weights, variant, s);
  for (guint g = 0; g < gan->n_distinct; g++)
    {
      nc_gan_mlp_randomize (gan->generators[g], rng, 0.1f);
      nc_gan_adam_init (&gan->adam_g[g], gan->generators[g]->n_params);
      gan->grad_g[g] = g_new0 (float, gan->generators[g]->n_params);
    }
  nc_mlp_init (&gan->disc, N_FEATURES, NC_GAN_DISC_HIDDEN, 1, TRUE);
  nc_gan_mlp_randomize (&gan->disc, rng, 1.0f);
  nc_gan_adam_init (&gan->adam_d, gan->disc.n_params);
  gan->grad_d = g_new0 (float, gan->disc.n_params);
  gan->grad_scratch = g_new0 (float, gan->disc.n_params);
}

static void
gan_clear (Gan *gan)
{
  for (guint g = 0; g < gan->n_distinct; g++)
    {
      nc_gan_adam_clear (&gan->adam_g[g]);
      g_free (gan->grad_g[g]);
    }
  nc_mlp_clear (&gan->disc);
  nc_gan_adam_clear (&gan->adam_d);
  g_free (gan->grad_d);
  g_free (gan->grad_scratch);
}

static inline float
wrap (float v)
{
  return v - floorf (v);
}

/* The patch @x through the variant's steps with key @z and noise codes
 * @noise (one per step). */
static void
gan_generate (const Gan   *gan,
              const float *x,
              const float *z,
              const float  noise[][NC_GAN_NOISE],
              Trace       *trace)
{
  float out[NC_GAN_PATCH_SAMPLES];

  memcpy (trace->fake, x, sizeof trace->fake);
  for (guint s = 0; s < gan->n_steps; s++)
    {
      const NcMlp *g = gan->generators[s];
      float *in = trace->in[s];

      memcpy (in, z, NC_GAN_LATENT * sizeof (float));
      memcpy (in + NC_GAN_LATENT, noise[s], NC_GAN_NOISE * sizeof (float));
      if (gan->variant == NC_GAN_PERTURBATION)
        {
          nc_gan_mlp_forward (g, in, trace->hidden[s], out);
          for (guint i = 0; i < NC_GAN_PATCH_SAMPLES; i++)
            trace->fake[i] = wrap (trace->fake[i] + out[i]);
        }
      else
        {
          const guint8 *a = nc_gan_parity_positions[s & 1];
          const guint8 *b = nc_gan_parity_positions[(s & 1) ^ 1];

          for (guint k = 0; k < NC_GAN_HALF; k++)
            in[NC_GAN_LATENT + NC_GAN_NOISE + k] = 2.0f * trace->fake[a[k]] - 1.0f;
          nc_gan_mlp_forward (g, in, trace->hidden[s], out);
          for (guint k = 0; k < NC_GAN_HALF; k++)
            trace->fake[b[k]] = wrap (trace->fake[b[k]] + out[k]);
        }
    }
}

/* Back from d loss / d fake to the generators' gradients. */
static void
gan_generator_backward (Gan         *gan,
                        const Trace *trace,
                        const float *dfake)
{
  float dv[NC_GAN_PATCH_SAMPLES];
  float dout[NC_GAN_PATCH_SAMPLES];
  float din[MAX_INPUTS];

  memcpy (dv, dfake, sizeof dv);
  for (guint s = gan->n_steps; s-- > 0;)
    {
      const NcMlp *g = gan->generators[s];
      float *grad = gan->grad_g[generator_slot (gan, s)];

      if (gan->variant == NC_GAN_PERTURBATION)
        nc_gan_mlp_backward (g, grad, trace->in[s], trace->hidden[s], dv, NULL);
      else
        {
          const guint8 *a = nc_gan_parity_positions[s & 1];
          const guint8 *b = nc_gan_parity_positions[(s & 1) ^ 1];

          for (guint k = 0; k < NC_GAN_HALF; k++)
            dout[k] = dv[b[k]];
          nc_gan_mlp_backward (g, grad, trace->in[s], trace->hidden[s], dout, din);
          for (guint k = 0; k < NC_GAN_HALF; k++)
            dv[a[k]] += 2.0f * din[NC_GAN_LATENT + NC_GAN_NOISE + k];
        }
    }
}

static inline double
softplus (double x)
{
  return (x > 0 ? x : 0) + log1p (exp (-fabs (x)));
}

static inline float
sigmoid (float x)
{
  return (float) (1.0 / (1.0 + exp (-(double) x)));
}

static float
discriminate (const NcMlp *disc,
              const float *patch,
              float       *hidden,
              float       *in)
{
  float logit;

  nc_gan_features_forward (patch, in);
  nc_gan_mlp_forward (disc, in, hidden, &logit);
  return logit;
}

static float
random_signed (NcRng *rng)
{
  return (float) (nc_rng_next (rng) >> 56) / 127.5f - 1.0f;
}

/* One batch: the discriminator learns real (uniform) from generated
 * patches; then the generator learns to fool the updated discriminator,
 * helped by feature matching: the batch's mean features (correlation
 * products, harmonics) are pulled to uniform noise's, which are zero.
 * The code takes sets of SET_SIZE patches, a set's logit the mean of its
 * patches'; with SET_SIZE 1 a set is a patch. */
static void
gan_step (Gan        *gan,
          NcGanStats *stats)
{
  double d_loss = 0, g_loss = 0;
  guint correct = 0;
  float set_scale = 1.0f / (SETS * SET_SIZE);

  /* Fakes from the current generator, and as many uniform patches. */
  for (guint b = 0; b < BATCH; b++)
    {
      float z[NC_GAN_LATENT];
      float noise[NC_GAN_DIRECT_STEPS][NC_GAN_NOISE];
      const float *x = gan->patches
                       + (gsize) nc_rng_below (&gan->rng, gan->n_patches) * NC_GAN_PATCH_SAMPLES;

      for (guint i = 0; i < NC_GAN_LATENT; i++)
        z[i] = (float) nc_rng_below (&gan->rng, NC_GAN_LATENT_LEVELS) / 32767.5f - 1.0f;
      for (guint s = 0; s < gan->n_steps; s++)
        for (guint i = 0; i < NC_GAN_NOISE; i++)
          noise[s][i] = random_signed (&gan->rng);
      gan_generate (gan, x, z, (const float (*)[NC_GAN_NOISE]) noise, &gan->traces[b]);
      for (guint i = 0; i < NC_GAN_PATCH_SAMPLES; i++)
        gan->real[b][i] = (float) nc_rng_double (&gan->rng);
    }

  /* The discriminator: real sets → 1, generated sets → 0. */
  memset (gan->grad_d, 0, gan->disc.n_params * sizeof (float));
  for (guint s = 0; s < SETS; s++)
    {
      float real_logit = 0, fake_logit = 0, dreal, dfake;

      for (guint b = s * SET_SIZE; b < (s + 1) * SET_SIZE; b++)
        {
          Trace *t = &gan->traces[b];

          real_logit += discriminate (&gan->disc, gan->real[b], gan->real_hidden[b],
                                      gan->real_in[b]) / SET_SIZE;
          fake_logit += discriminate (&gan->disc, t->fake, t->d_hidden, t->d_in) / SET_SIZE;
        }
      dreal = (sigmoid (real_logit) - 1.0f) * set_scale;
      dfake = sigmoid (fake_logit) * set_scale;
      for (guint b = s * SET_SIZE; b < (s + 1) * SET_SIZE; b++)
        {
          Trace *t = &gan->traces[b];

          nc_gan_mlp_backward (&gan->disc, gan->grad_d, gan->real_in[b], gan->real_hidden[b],
                        &dreal, NULL);
          nc_gan_mlp_backward (&gan->disc, gan->grad_d, t->d_in, t->d_hidden, &dfake, NULL);
        }
      d_loss += softplus (-real_logit) + softplus (fake_logit);
      correct += (real_logit > 0) + (fake_logit < 0);
    }
  nc_gan_adam_step (&gan->adam_d, gan->disc.params, gan->grad_d);
  gan->steps++;

  /* The generator: make the updated discriminator call the sets real,
   * and match the batch's mean features to uniform noise's, which are
   * all zero (feature matching, Salimans et al. 2016). */
  for (guint g = 0; g < gan->n_distinct; g++)
    memset (gan->grad_g[g], 0, gan->generators[g]->n_params * sizeof (float));
  {
    float mean[N_FEATURES] = { 0 };

    for (guint b = 0; b < BATCH; b++)
      {
        Trace *t = &gan->traces[b];

        discriminate (&gan->disc, t->fake, t->d_hidden, t->d_in);
        for (guint k = 0; k < N_FEATURES; k++)
          mean[k] += t->d_in[k] / BATCH;
      }
    for (guint k = 0; k < N_FEATURES; k++)
      gan->matching[k] = 2.0f * MATCHING * mean[k] / BATCH;
  }
  for (guint s = 0; s < SETS; s++)
    {
      float logit = 0, dlogit;

      for (guint b = s * SET_SIZE; b < (s + 1) * SET_SIZE; b++)
        {
          Trace *t = &gan->traces[b];

          logit += discriminate (&gan->disc, t->fake, t->d_hidden, t->d_in) / SET_SIZE;
        }
      dlogit = (sigmoid (logit) - 1.0f) * set_scale;
      for (guint b = s * SET_SIZE; b < (s + 1) * SET_SIZE; b++)
        {
          Trace *t = &gan->traces[b];
          float dfeatures[N_FEATURES];
          float dpatch[NC_GAN_PATCH_SAMPLES];

          nc_gan_mlp_backward (&gan->disc, gan->grad_scratch, t->d_in, t->d_hidden, &dlogit, dfeatures);
          for (guint k = 0; k < N_FEATURES; k++)
            dfeatures[k] += gan->matching[k];
          nc_gan_features_backward (t->fake, dfeatures, dpatch);
          gan_generator_backward (gan, t, dpatch);
        }
      g_loss += softplus (-logit);
    }
  /* During the warm-up the discriminator learns alone, so the game
   * starts from what an untrained generator gives away. */
  for (guint g = 0; g < gan->n_distinct && gan->steps > NC_GAN_WARM_UP; g++)
    nc_gan_adam_step (&gan->adam_g[g], gan->generators[g]->params, gan->grad_g[g]);

  stats->d_loss = d_loss / SETS;
  stats->g_loss = g_loss / SETS;
  stats->d_accuracy = correct / (2.0 * SETS);
}

/**
 * nc_gan_trainer_new:
 * @seed: seeds the initial weights and every random draw
 * @images: (element-type NcImage): the training images
 *
 * Returns: (transfer full) (nullable): a trainer with freshly initialised
 *   networks, or %NULL when the images hold no 8 × 8 patch
 */
NcGanTrainer *
nc_gan_trainer_new (guint64     seed,
                    GPtrArray  *images,
                    GError    **error)
{
  g_autoptr(NcGanTrainer) trainer = g_new0 (NcGanTrainer, 1);
  gsize n = 0, k = 0;

  nc_gan_init_layout ();
  for (guint i = 0; i < images->len; i++)
    {
      const NcImage *image = g_ptr_array_index (images, i);

      n += (gsize) (image->width / NC_GAN_PATCH) * (image->height / NC_GAN_PATCH) * image->channels;
    }
  if (n == 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("the training images hold no 8 × 8 patch (each must be at least 8 pixels wide and high)"));
      return NULL;
    }
  if (n > G_MAXUINT / 2)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, _("too many training patches (%llu)"),
                   (unsigned long long) n);
      return NULL;
    }
  trainer->patches = g_try_new (float, n * NC_GAN_PATCH_SAMPLES);
  if (trainer->patches == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, _("not enough memory for %llu training patches"),
                   (unsigned long long) n);
      return NULL;
    }
  for (guint i = 0; i < images->len; i++)
    {
      const NcImage *image = g_ptr_array_index (images, i);

      for (guint c = 0; c < image->channels; c++)
        for (guint py = 0; py + NC_GAN_PATCH <= image->height; py += NC_GAN_PATCH)
          for (guint px = 0; px + NC_GAN_PATCH <= image->width; px += NC_GAN_PATCH, k++)
            for (guint y = 0; y < NC_GAN_PATCH; y++)
              for (guint x = 0; x < NC_GAN_PATCH; x++)
                trainer->patches[k * NC_GAN_PATCH_SAMPLES + y * NC_GAN_PATCH + x] =
                  image->data[((gsize) (py + y) * image->width + px + x) * image->channels + c] / 256.0f;
    }
  trainer->n_patches = (guint) n;
  trainer->n_images = images->len;
  trainer->seed = seed;
  trainer->weights = nc_gan_weights_new ();
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    {
      Gan *gan = g_new0 (Gan, 1);

      nc_rng_init (&gan->rng, seed + v);
      gan->patches = trainer->patches;
      gan->n_patches = trainer->n_patches;
      gan_init (gan, v, trainer->weights, &gan->rng);
      trainer->gans[v] = gan;
    }
  return g_steal_pointer (&trainer);
}

void
nc_gan_trainer_free (NcGanTrainer *trainer)
{
  if (trainer == NULL)
    return;
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    if (trainer->gans[v] != NULL)
      {
        gan_clear (trainer->gans[v]);
        g_free (trainer->gans[v]);
      }
  g_clear_pointer (&trainer->weights, nc_gan_weights_unref);
  g_free (trainer->patches);
  g_free (trainer);
}

guint
nc_gan_trainer_get_n_patches (NcGanTrainer *trainer)
{
  return trainer->n_patches;
}

/* An epoch draws as many patches as there are (with replacement). */
guint
nc_gan_trainer_get_steps_per_epoch (NcGanTrainer *trainer)
{
  return MAX (1u, trainer->n_patches / BATCH);
}

guint
nc_gan_trainer_get_epoch (NcGanTrainer *trainer)
{
  return trainer->epoch;
}

/**
 * nc_gan_trainer_step:
 * @stats: (out caller-allocates): each variant's losses and accuracy on
 *   this batch
 *
 * One batch for each of the three generators and discriminators.
 */
/* The direct pair costs about as much as the other two together: it
 * gets a thread of its own. */
static gpointer
step_pairs (gpointer data)
{
  Gan **gans = data;

  for (guint i = 0; gans[i] != NULL; i++)
    gan_step (gans[i], &gans[i]->stats);
  return NULL;
}

void
nc_gan_trainer_step (NcGanTrainer *trainer,
                     NcGanStats    stats[NC_GAN_N_VARIANTS])
{
  Gan *first[] = { trainer->gans[NC_GAN_PERTURBATION], trainer->gans[NC_GAN_TRANSFORMATION], NULL };
  Gan *second[] = { trainer->gans[NC_GAN_DIRECT], NULL };

  nc_run_halves (step_pairs, first, second, TRUE);
  for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
    stats[v] = trainer->gans[v]->stats;
}

/**
 * nc_gan_trainer_run_epoch:
 * @mean: (out caller-allocates): the epoch's mean losses and accuracy
 *
 * Returns: %FALSE when cancelled part-way (the steps done are kept)
 */
gboolean
nc_gan_trainer_run_epoch (NcGanTrainer *trainer,
                          NcGanStats    mean[NC_GAN_N_VARIANTS],
                          GCancellable *cancellable)
{
  guint steps = nc_gan_trainer_get_steps_per_epoch (trainer);

  memset (mean, 0, NC_GAN_N_VARIANTS * sizeof (NcGanStats));
  for (guint i = 0; i < steps; i++)
    {
      NcGanStats stats[NC_GAN_N_VARIANTS];

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      nc_gan_trainer_step (trainer, stats);
      for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
        {
          mean[v].g_loss += stats[v].g_loss / steps;
          mean[v].d_loss += stats[v].d_loss / steps;
          mean[v].d_accuracy += stats[v].d_accuracy / steps;
        }
    }
  trainer->epoch++;
  return TRUE;
}

/**
 * nc_gan_trainer_dup_weights:
 *
 * Returns: (transfer full): a copy of the generators as they are now,
 *   with a description of how they were made
 */
NcGanWeights *
nc_gan_trainer_dup_weights (NcGanTrainer *trainer)
{
  NcGanWeights *copy = nc_gan_weights_copy (trainer->weights);

  g_free (copy->provenance);
  copy->provenance = g_strdup_printf ("seed %" G_GUINT64_FORMAT ", %u epochs of %u steps, "
                                      "%u patches from %u images",
                                      trainer->seed, trainer->epoch,
                                      nc_gan_trainer_get_steps_per_epoch (trainer),
                                      trainer->n_patches, trainer->n_images);
  /* The checksum the file of these weights would have. */
  g_bytes_unref (nc_gan_weights_serialize (copy));
  return copy;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * nc_gan_load_training_images:
 * @paths: image files and folders (every image file directly inside)
 *
 * Returns: (transfer full) (element-type NcImage) (nullable): the images,
 *   or %NULL with an error naming the file that could not be read
 */
GPtrArray *
nc_gan_load_training_images (const char * const  *paths,
                             GError             **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) nc_image_unref);

  for (gsize i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (paths[i], 0, error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            return NULL;
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *lower = g_ascii_strdown (name, -1);

              if (g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".jpg")
                  || g_str_has_suffix (lower, ".jpeg") || g_str_has_suffix (lower, ".bmp")
                  || g_str_has_suffix (lower, ".tif") || g_str_has_suffix (lower, ".tiff"))
                g_ptr_array_add (names, g_build_filename (paths[i], name, NULL));
            }
          if (names->len == 0)
            {
              nc_set_file_error (error, NC_ERROR_INVALID, paths[i],
                                 _("holds no image to train on (PNG, JPEG, BMP or TIFF)"));
              return NULL;
            }
          /* Directory order is the file system's; training must repeat. */
          g_ptr_array_sort (names, compare_paths);
          for (guint k = 0; k < names->len; k++)
            {
              NcImage *image = nc_image_load (g_ptr_array_index (names, k), NULL, error);

              if (image == NULL)
                return NULL;
              g_ptr_array_add (images, image);
            }
        }
      else
        {
          NcImage *image = nc_image_load (paths[i], NULL, error);

          if (image == NULL)
            return NULL;
          g_ptr_array_add (images, image);
        }
    }
  return g_steal_pointer (&images);
}
