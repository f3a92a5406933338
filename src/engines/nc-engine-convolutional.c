/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Convolutional neural network inside an exactly invertible integer
 * additive coupling. A keyed mask splits the pixels into halves a and b;
 * a keyed CNN t sees only a (b zeroed) and b ← b + round(t(a)) mod 256;
 * then the roles swap. Decryption subtracts in reverse order, recomputing
 * t on the half that did not change, so it is exact although a CNN is
 * not invertible. The published CNN ciphers are lossy; this construction
 * is what makes them decrypt bit for bit.
 *
 * single layer  one convolution layer of K kernels of m × m, an
 *               activation, a 1×1 projection to the image's channels;
 * multi layer   L such layers;
 * hybrid        L layers whose weights come from a logistic map instead of
 *               the seeded generator, with the pixels permuted by the map
 *               before the couplings.
 *
 * Without the permutation and diffusion stages (off by default here) t(a)
 * is a smooth function of the neighbourhood, and the ciphertext keeps
 * the outline of the image: the workbench shows it. */
#include "nc-engine.h"

#include <math.h>
#include <string.h>

#include "nc-math.h"
#include "nc-stages.h"

enum { VARIANT_SINGLE, VARIANT_MULTI, VARIANT_HYBRID };
enum { ACTIVATION_TANH, ACTIVATION_RELU, ACTIVATION_ABS };

#define DEEP ((1u << VARIANT_MULTI) | (1u << VARIANT_HYBRID))
#define SEEDED ((1u << VARIANT_SINGLE) | (1u << VARIANT_MULTI))
#define CHAOTIC (1u << VARIANT_HYBRID)
#define MAX_KERNELS 8
#define MAX_LAYERS 4

static const NcParamChoice variants[] = {
  { "single-layer", "Single layer" },
  { "multi-layer", "Multi layer" },
  { "hybrid", "Hybrid with chaos" },
  { NULL, NULL },
};

static const NcParamChoice kernel_sizes[] = {
  { "3x3", "3 × 3" },
  { "5x5", "5 × 5" },
  { NULL, NULL },
};

static const NcParamChoice activations[] = {
  { "tanh", "tanh" },
  { "relu", "ReLU" },
  { "abs", "|x|" },
  { NULL, NULL },
};

static const NcParamSpec convolutional_params[] = {
  { "variant", "Variant", NC_PARAM_CHOICE, 0, 2, 1, 0, "",
    "One layer, several layers, or several layers with chaotic weights and permutation",
    FALSE, variants, 0 },
  { "seed", "Weight seed", NC_PARAM_INT, 0, 4503599627370495.0, 1, 20250101, "",
    "Seeds the generator that draws the kernel weights and the mask", TRUE, NULL, SEEDED },
  { "mu", "Logistic μ", NC_PARAM_REAL, 3.9, 4.0, 1e-9, 3.99, "",
    "Parameter of the logistic map that draws the weights, the mask and the permutation",
    TRUE, NULL, CHAOTIC },
  { "x0", "Logistic initial state", NC_PARAM_REAL, 0.01, 0.99, 1e-10, 0.37, "",
    "Initial state of the logistic map", TRUE, NULL, CHAOTIC },
  { "layers", "Layers L", NC_PARAM_INT, 1, MAX_LAYERS, 1, 2, "",
    "Convolution layers", FALSE, NULL, DEEP },
  { "kernels", "Kernels K", NC_PARAM_INT, 1, MAX_KERNELS, 1, 4, "",
    "Kernels per layer", FALSE, NULL, 0 },
  { "kernel_size", "Kernel size", NC_PARAM_CHOICE, 0, 1, 1, 0, "",
    "m × n of every kernel", FALSE, kernel_sizes, 0 },
  { "levels", "Weight levels d", NC_PARAM_INT, 2, 256, 1, 16, "",
    "Each weight takes one of d evenly spaced values in [−1, 1]", FALSE, NULL, 0 },
  { "activation", "Activation", NC_PARAM_CHOICE, 0, 2, 1, 1, "",
    "The non-linearity after each convolution", FALSE, activations, 0 },
  { "couplings", "Coupling pairs", NC_PARAM_INT, 1, 4, 1, 1, "",
    "How many times both halves are updated (a → b, then b → a)", FALSE, NULL, 0 },
  NC_STAGE_PARAM_SPECS_WITH (0, 0),
};

/* Draws bytes from the key: xoshiro256** from the seed, or the logistic
 * map (hybrid), three bytes per iteration from its low bits. */
typedef struct {
  gboolean chaotic;
  NcRng    rng;
  double   x, mu;
  guint8   buffer[8];
  guint    available;
} Source;

static void
source_init (Source         *source,
             const NcParams *key)
{
  memset (source, 0, sizeof *source);
  source->chaotic = nc_params_get_variant (key) == VARIANT_HYBRID;
  if (source->chaotic)
    {
      source->x = nc_params_get (key, "x0");
      source->mu = nc_params_get (key, "mu");
      /* Leave the transient behind. */
      for (int i = 0; i < 1000; i++)
        source->x = source->mu * source->x * (1.0 - source->x);
    }
  else
    nc_rng_init (&source->rng, (guint64) nc_params_get (key, "seed"));
}

static guint8
source_byte (Source *source)
{
  if (source->available == 0)
    {
      if (source->chaotic)
        {
          source->x = source->mu * source->x * (1.0 - source->x);
          nc_chaos_bytes (source->x, source->buffer, 3);
          source->available = 3;
        }
      else
        {
          guint64 v = nc_rng_next (&source->rng);

          for (int i = 0; i < 8; i++)
            source->buffer[i] = (guint8) (v >> (8 * i));
          source->available = 8;
        }
    }
  return source->buffer[--source->available];
}

static void
source_fill (Source *source,
             guint8 *out,
             gsize   length)
{
  for (gsize i = 0; i < length; i++)
    out[i] = source_byte (source);
}

/* The network: layer l maps c_in planes to K planes with m × m kernels,
 * then a 1×1 projection maps K planes to the image's channels. */
typedef struct {
  guint   n_layers;
  guint   kernels;
  guint   size;            /* m */
  guint   channels;
  int     activation;
  float  *weights[MAX_LAYERS];
  float  *bias[MAX_LAYERS];
  float  *taps[MAX_LAYERS];    /* the weights as [c][i][j][k], kernel last */
  float  *projection;      /* [channels][kernels] */
} Network;

static float
draw_weight (Source *source,
             guint   levels,
             float   scale)
{
  guint q = ((guint) source_byte (source) << 8 | source_byte (source)) % levels;

  return scale * (-1.0f + 2.0f * (float) q / (float) (levels - 1));
}

static void
network_init (Network        *net,
              const NcParams *key,
              guint           channels,
              Source         *source)
{
  guint variant = nc_params_get_variant (key);
  guint levels = (guint) nc_params_get (key, "levels");

  memset (net, 0, sizeof *net);
  net->n_layers = variant == VARIANT_SINGLE ? 1 : (guint) nc_params_get (key, "layers");
  net->kernels = (guint) nc_params_get (key, "kernels");
  net->size = nc_params_get (key, "kernel_size") == 0 ? 3 : 5;
  net->channels = channels;
  net->activation = (int) nc_params_get (key, "activation");

  for (guint l = 0; l < net->n_layers; l++)
    {
      guint c_in = l == 0 ? channels : net->kernels;
      guint n = net->kernels * c_in * net->size * net->size;
      /* Weights scaled by 1/√fan-in keep every layer's output in range. */
      float scale = 1.0f / sqrtf ((float) (c_in * net->size * net->size));

      net->weights[l] = g_new (float, n);
      net->bias[l] = g_new (float, net->kernels);
      for (guint i = 0; i < n; i++)
        net->weights[l][i] = draw_weight (source, levels, 2.0f * scale);
      for (guint k = 0; k < net->kernels; k++)
        net->bias[l][k] = draw_weight (source, levels, 0.5f);
      net->taps[l] = g_new (float, n);
      for (guint k = 0; k < net->kernels; k++)
        for (guint t = 0; t < c_in * net->size * net->size; t++)
          net->taps[l][t * net->kernels + k] = net->weights[l][k * c_in * net->size * net->size + t];
    }
  net->projection = g_new (float, channels * net->kernels);
  for (guint i = 0; i < channels * net->kernels; i++)
    net->projection[i] = draw_weight (source, levels, 1.0f);
}

static void
network_clear (Network *net)
{
  for (guint l = 0; l < MAX_LAYERS; l++)
    {
      g_clear_pointer (&net->weights[l], g_free);
      g_clear_pointer (&net->bias[l], g_free);
      g_clear_pointer (&net->taps[l], g_free);
    }
  g_clear_pointer (&net->projection, g_free);
}


/* The activation over a row, the choice made once per row so the loop
 * vectorises. */
G_ALWAYS_INLINE static inline void
activate_row (int                    activation,
              const float * restrict in,
              float       * restrict out,
              guint                  width)
{
  switch (activation)
    {
    case ACTIVATION_RELU:
      for (guint x = 0; x < width; x++)
        out[x] = in[x] > 0.0f ? in[x] : 0.0f;
      break;
    case ACTIVATION_ABS:
      for (guint x = 0; x < width; x++)
        out[x] = in[x] < 0.0f ? -in[x] : in[x];
      break;
    case ACTIVATION_TANH:
    default:
      for (guint x = 0; x < width; x++)
        out[x] = nc_tanhf (in[x]);
      break;
    }
}

/* Planes are stored with a zero border of m / 2 cells on every side, so
 * the convolution's inner loop has no edge cases. */
typedef struct {
  const Network *net;
  guint          width, height, pad, stride;
  gsize          plane;
  float         *buffers[2];   /* each MAX(channels, kernels) planes */
} Evaluation;

/* A coupling step runs in phases over the rows, each phase split between
 * two threads; a phase only starts when the one before it has finished
 * every row, as a layer reads its input's neighbouring rows. */
enum { PHASE_INPUT, PHASE_LAYER, PHASE_APPLY };

typedef struct {
  Evaluation    *ev;
  int            phase;
  guint          layer;
  const float   *in;
  float         *out;
  guint8        *samples;
  const guint8  *mask;
  guint8         side;
  gboolean       inverse;
  guint          y0, y1;
} PhaseJob;

/* row[x] += w · src[x]: restrict lets the compiler vectorise it. */
static inline void
accumulate (float       * restrict row,
            const float * restrict src,
            float                  w,
            guint                  width)
{
  for (guint x = 0; x < width; x++)
    row[x] += w * src[x];
}

/* Plane c of the input: the samples of the pixels where mask == side,
 * mapped to [−1, 1]; zero elsewhere. */
/* Inlined into phase_rows() to be built for both instruction sets. */
G_ALWAYS_INLINE static inline void
input_rows (const PhaseJob *job)
{
  const Evaluation *ev = job->ev;
  guint channels = ev->net->channels;

  guint8 side = job->side;

  for (guint c = 0; c < channels; c++)
    for (guint y = job->y0; y < job->y1; y++)
      {
        float * restrict dst = job->out + c * ev->plane + (gsize) (y + ev->pad) * ev->stride + ev->pad;
        const guint8 * restrict src = job->samples + (gsize) y * ev->width * channels + c;
        const guint8 * restrict m = job->mask + (gsize) y * ev->width;
        guint width = ev->width;

        /* Branch-free, so it vectorises: the other side is multiplied by 0. */
        for (guint x = 0; x < width; x++)
          dst[x] = ((float) src[(gsize) x * channels] * (1.0f / 127.5f) - 1.0f)
                   * (float) (m[x] == side);
      }
}

/* The activation of eight outputs: the scalar choices exactly (ReLU
 * gives +0 for −0, |x| keeps −0), so the bits are activate_row()'s. */
G_ALWAYS_INLINE static inline void
activate8 (int       activation,
           NcFloat8 *value)
{
  NcFloat8 x = *value;
  NcInt8 negative = x < 0.0f;

  switch (activation)
    {
    case ACTIVATION_RELU:
      *value = (NcFloat8) ((NcInt8) x & (x > 0.0f));
      break;
    case ACTIVATION_ABS:
      *value = (NcFloat8) (((NcInt8) -x & negative) | ((NcInt8) x & ~negative));
      break;
    case ACTIVATION_TANH:
    default:
      nc_tanhf8 (value);
      break;
    }
}

/* One convolution layer for @K kernels over strips of 8 · @V pixels: the
 * strip's outputs of every kernel stay in registers while the taps go by,
 * each input vector loaded once for all kernels. Each output still adds
 * bias, then w · x for the taps in the order input plane, kernel row,
 * kernel column, as the scalar definition does. Reads up to 8 · V − 1
 * floats past a row's end (the buffers have that slack); writes none. */
G_ALWAYS_INLINE static inline void
layer_rows_k (const PhaseJob *job,
              const guint     K,
              const guint     V)
{
  const Evaluation *ev = job->ev;
  const Network *net = ev->net;
  guint c_in = job->layer == 0 ? net->channels : net->kernels;
  guint m = net->size;
  const float *taps = net->taps[job->layer];
  const float *bias = net->bias[job->layer];
  guint strip = 8 * V;

  for (guint y = job->y0; y < job->y1; y++)
    for (guint x0 = 0; x0 < ev->width; x0 += strip)
      {
        NcFloat8 acc[MAX_KERNELS][2];
        guint n = MIN (strip, ev->width - x0);

        for (guint k = 0; k < K; k++)
          for (guint v = 0; v < V; v++)
            acc[k][v] = (NcFloat8) { 0 } + bias[k];
        for (guint c = 0; c < c_in; c++)
          for (guint i = 0; i < m; i++)
            {
              const float *in = job->in + c * ev->plane + (gsize) (y + i) * ev->stride + x0;
              const float *w = taps + (gsize) (c * m + i) * m * K;

              for (guint j = 0; j < m; j++, w += K)
                {
                  NcFloat8 x[2];

                  for (guint v = 0; v < V; v++)
                    memcpy (&x[v], in + j + 8 * v, sizeof (NcFloat8));
                  for (guint k = 0; k < K; k++)
                    for (guint v = 0; v < V; v++)
                      acc[k][v] += w[k] * x[v];
                }
            }
        for (guint k = 0; k < K; k++)
          {
            float *out = job->out + k * ev->plane + (gsize) (y + ev->pad) * ev->stride + ev->pad + x0;

            for (guint v = 0; v < V; v++)
              activate8 (net->activation, &acc[k][v]);
            memcpy (out, acc[k], n * sizeof (float));
          }
      }
}

/* Kernel counts as constants, so the accumulators are registers: two
 * vectors a kernel up to four kernels, one beyond. */
G_ALWAYS_INLINE static inline void
layer_rows (const PhaseJob *job)
{
  switch (job->ev->net->kernels)
    {
    case 1: layer_rows_k (job, 1, 2); break;
    case 2: layer_rows_k (job, 2, 2); break;
    case 3: layer_rows_k (job, 3, 2); break;
    case 4: layer_rows_k (job, 4, 2); break;
    case 5: layer_rows_k (job, 5, 1); break;
    case 6: layer_rows_k (job, 6, 1); break;
    case 7: layer_rows_k (job, 7, 1); break;
    case 8: layer_rows_k (job, 8, 1); break;
    default: g_assert_not_reached ();
    }
}

/* The 1×1 projection to the image's channels, rounded: samples where
 * mask != side move by round(127 · Σ_k P[c][k] h_k). */
G_ALWAYS_INLINE static inline void
apply_rows (const PhaseJob *job)
{
  const Evaluation *ev = job->ev;
  const Network *net = ev->net;
  guint channels = net->channels;
  g_autofree float *shift = g_new (float, ev->width);
  g_autofree int *amount = g_new (int, ev->width);

  guint8 side = job->side;
  gboolean inverse = job->inverse;
  guint width = ev->width;

  for (guint c = 0; c < channels; c++)
    for (guint y = job->y0; y < job->y1; y++)
      {
        const guint8 * restrict m = job->mask + (gsize) y * width;
        guint8 * restrict samples = job->samples + (gsize) y * width * channels + c;

        memset (shift, 0, width * sizeof (float));
        for (guint k = 0; k < net->kernels; k++)
          accumulate (shift, job->in + k * ev->plane + (gsize) (y + ev->pad) * ev->stride + ev->pad,
                      net->projection[c * net->kernels + k], width);
        for (guint x = 0; x < width; x++)
          amount[x] = (int) floorf (127.0f * shift[x] + 0.5f) * (m[x] != side);
        if (inverse)
          for (guint x = 0; x < width; x++)
            samples[(gsize) x * channels] = (guint8) (samples[(gsize) x * channels] - amount[x]);
        else
          for (guint x = 0; x < width; x++)
            samples[(gsize) x * channels] = (guint8) (samples[(gsize) x * channels] + amount[x]);
      }
}

NC_WIDE_VECTORS static gpointer
phase_rows (gpointer data)
{
  const PhaseJob *job = data;

  switch (job->phase)
    {
    case PHASE_INPUT: input_rows (job); break;
    case PHASE_LAYER: layer_rows (job); break;
    case PHASE_APPLY: apply_rows (job); break;
    default: g_assert_not_reached ();
    }
  return NULL;
}

static void
run_phase (PhaseJob job)
{
  PhaseJob bottom = job;

  job.y0 = 0;
  job.y1 = job.ev->height / 2;
  bottom.y0 = job.y1;
  bottom.y1 = job.ev->height;
  nc_run_halves (phase_rows, &job, &bottom,
                 (gsize) job.ev->width * job.ev->height >= NC_PARALLEL_THRESHOLD / 4);
}

/* One coupling step: samples where mask != side move by the shift the
 * network computes from the samples where mask == side. */
static void
couple (Evaluation   *ev,
        guint8       *samples,
        const guint8 *mask,
        guint8        side,
        gboolean      inverse)
{
  float *in = ev->buffers[0];
  float *out = ev->buffers[1];
  PhaseJob job = { ev, PHASE_INPUT, 0, NULL, in, samples, mask, side, inverse, 0, 0 };

  run_phase (job);
  for (guint l = 0; l < ev->net->n_layers; l++)
    {
      float *swap;

      job.phase = PHASE_LAYER;
      job.layer = l;
      job.in = in;
      job.out = out;
      run_phase (job);
      swap = in;
      in = out;
      out = swap;
    }
  job.phase = PHASE_APPLY;
  job.in = in;
  run_phase (job);
}

static gboolean
convolutional_crypt (const NcEngine *engine,
                     const NcParams *key,
                     const NcImage  *input,
                     NcImage        *output,
                     gboolean        decrypt,
                     GCancellable   *cancellable,
                     GError        **error)
{
  gboolean hybrid = nc_params_get_variant (key) == VARIANT_HYBRID;
  guint couplings = (guint) nc_params_get (key, "couplings");
  gsize n_pixels = nc_image_get_n_pixels (input);
  NcPipeline stages, scramble;
  Evaluation ev = { 0 };
  Network net;
  Source source;
  g_autofree guint8 *mask = g_new (guint8, n_pixels);
  g_autofree guint8 *stage_samples = NULL;
  g_autofree guint8 *stage_control = NULL;
  g_autofree guint8 *scramble_control = NULL;
  g_autoptr(NcImage) work = NULL;
  guint planes;
  gboolean ok = TRUE;

  (void) engine;

  source_init (&source, key);
  network_init (&net, key, input->channels, &source);
  for (gsize p = 0; p < n_pixels; p++)
    mask[p] = source_byte (&source) & 1;

  nc_pipeline_init (&stages, key, input);
  stage_control = g_new (guint8, nc_pipeline_control_length (&stages));
  source_fill (&source, stage_control, nc_pipeline_control_length (&stages));
  if (stages.diffuse)
    {
      stage_samples = g_try_malloc (stages.n_samples);
      if (stage_samples == NULL)
        {
          network_clear (&net);
          g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, "not enough memory for the keystream");
          return FALSE;
        }
      source_fill (&source, stage_samples, stages.n_samples);
    }
  nc_pipeline_set_keystream_parts (&stages, stage_samples, stage_control);

  /* The hybrid's chaotic permutation of pixels before the couplings. */
  scramble = stages;
  scramble.permute = TRUE;
  scramble.diffuse = FALSE;
  scramble.rounds = 1;
  scramble_control = g_new (guint8, nc_pipeline_control_length (&stages));
  source_fill (&source, scramble_control, nc_pipeline_control_length (&stages));
  nc_pipeline_set_keystream_parts (&scramble, NULL, scramble_control);

  ev.net = &net;
  ev.width = input->width;
  ev.height = input->height;
  ev.pad = net.size / 2;
  ev.stride = input->width + 2 * ev.pad;
  ev.plane = (gsize) ev.stride * (input->height + 2 * ev.pad);
  planes = MAX (net.kernels, input->channels);
  /* Slack for the strips' reads past the last row. */
  ev.buffers[0] = g_new0 (float, planes * ev.plane + 16);
  ev.buffers[1] = g_new0 (float, planes * ev.plane + 16);
  work = nc_image_new_like (input, error);
  if (work == NULL)
    ok = FALSE;

  if (ok && !decrypt)
    {
      if (hybrid)
        ok = nc_pipeline_encrypt (&scramble, input, work, cancellable, error);
      else
        memcpy (work->data, input->data, nc_image_get_n_bytes (input));
      for (guint s = 0; ok && s < 2 * couplings; s++)
        {
          if ((ok = !g_cancellable_set_error_if_cancelled (cancellable, error)))
            couple (&ev, work->data, mask, (guint8) (s & 1), FALSE);
        }
      ok = ok && nc_pipeline_encrypt (&stages, work, output, cancellable, error);
    }
  else if (ok)
    {
      ok = nc_pipeline_decrypt (&stages, input, work, cancellable, error);
      for (guint s = 2 * couplings; ok && s-- > 0;)
        {
          if ((ok = !g_cancellable_set_error_if_cancelled (cancellable, error)))
            couple (&ev, work->data, mask, (guint8) (s & 1), TRUE);
        }
      if (ok && hybrid)
        ok = nc_pipeline_decrypt (&scramble, work, output, cancellable, error);
      else if (ok)
        memcpy (output->data, work->data, nc_image_get_n_bytes (input));
    }

  g_free (ev.buffers[0]);
  g_free (ev.buffers[1]);
  nc_pipeline_clear (&stages);
  nc_pipeline_clear (&scramble);
  network_clear (&net);
  return ok;
}

/* Review eq. 3: K = d^(L·K·m·n), every weight of L layers of K kernels
 * of m × n taking one of d values. Here the weights are drawn from a
 * 52-bit seed (or the logistic map's two parameters), which is all the
 * key there is. */
static double
convolutional_nominal_bits (const NcEngine *engine,
                            const NcParams *key,
                            guint64         n_pixels)
{
  double layers = nc_params_get_variant (key) == VARIANT_SINGLE ? 1 : nc_params_get (key, "layers");
  double size = nc_params_get (key, "kernel_size") == 0 ? 3 : 5;

  (void) engine;
  (void) n_pixels;
  return layers * nc_params_get (key, "kernels") * size * size * log2 (nc_params_get (key, "levels"));
}

const NcEngine nc_engine_convolutional = {
  .id = "convolutional",
  .name = "Convolutional coupling",
  .family = NC_FAMILY_CONVOLUTIONAL,
  .summary = "A keyed convolutional network inside an exactly invertible additive "
             "coupling: half the pixels shift by what the network computes from the "
             "other half, then the halves swap.",
  .schema = { "convolutional", convolutional_params, G_N_ELEMENTS (convolutional_params) },
  .nominal_formula = "K = d^(L·K·m·n) (eq. 3): L layers of K kernels of m × n weights, "
                     "each of d levels",
  .nominal_key_bits = convolutional_nominal_bits,
  .crypt = convolutional_crypt,
  .diagnose = NULL,
};
