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
#include "nc-i18n.h"

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
  { "single-layer", N_("Single layer") },
  { "multi-layer", N_("Multi layer") },
  { "hybrid", N_("Hybrid with chaos") },
  { NULL, NULL },
};

static const NcParamChoice kernel_sizes[] = {
  { "3x3", N_("3 × 3") },
  { "5x5", N_("5 × 5") },
  { NULL, NULL },
};

static const NcParamChoice activations[] = {
  { "tanh", N_("tanh") },
  { "relu", N_("ReLU") },
  { "abs", N_("|x|") },
  { NULL, NULL },
};

static const NcParamSpec convolutional_params[] = {
  { "variant", N_("Variant"), NC_PARAM_CHOICE, 0, 2, 1, 0, "",
    N_("One layer, several layers, or several layers with chaotic weights and permutation"),
    FALSE, variants, 0, FALSE, FALSE },
  { "seed", N_("Weight seed"), NC_PARAM_INT, 0, 4503599627370495.0, 1, 20250101, "",
    N_("Seeds the generator that draws the kernel weights and the mask"), TRUE, NULL, SEEDED, FALSE, FALSE },
  { "mu", N_("Logistic μ"), NC_PARAM_REAL, 3.9, 4.0, 1e-9, 3.99, "",
    N_("Parameter of the logistic map that draws the weights, the mask and the permutation"),
    TRUE, NULL, CHAOTIC, FALSE, FALSE },
  { "x0", N_("Logistic initial state"), NC_PARAM_REAL, 0.01, 0.99, 1e-10, 0.37, "",
    N_("Initial state of the logistic map"), TRUE, NULL, CHAOTIC, FALSE, FALSE },
  { "layers", N_("Layers L"), NC_PARAM_INT, 1, MAX_LAYERS, 1, 2, "",
    N_("Convolution layers"), FALSE, NULL, DEEP, FALSE, FALSE },
  { "kernels", N_("Kernels K"), NC_PARAM_INT, 1, MAX_KERNELS, 1, 4, "",
    N_("Kernels per layer"), FALSE, NULL, 0, FALSE, FALSE },
  { "kernel_size", N_("Kernel size"), NC_PARAM_CHOICE, 0, 1, 1, 0, "",
    N_("m × n of every kernel"), FALSE, kernel_sizes, 0, FALSE, FALSE },
  { "levels", N_("Weight levels d"), NC_PARAM_INT, 2, 256, 1, 16, "",
    N_("Each weight takes one of d evenly spaced values in [−1, 1]"), FALSE, NULL, 0, FALSE, FALSE },
  { "activation", N_("Activation"), NC_PARAM_CHOICE, 0, 2, 1, 1, "",
    N_("The non-linearity after each convolution"), FALSE, activations, 0, FALSE, FALSE },
  { "couplings", N_("Coupling pairs"), NC_PARAM_INT, 1, 4, 1, 1, "",
    N_("How many times both halves are updated (a → b, then b → a)"), FALSE, NULL, 0, FALSE, FALSE },
  NC_STAGE_PARAM_SPECS_WITH (0, 0),
  NC_NONCE_PARAM_SPECS,
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
  guint64 nonce = 0;
  gboolean fresh = nc_params_get_nonce (key, &nonce);

  memset (source, 0, sizeof *source);
  source->chaotic = nc_params_get_variant (key) == VARIANT_HYBRID;
  if (source->chaotic)
    {
      /* A fresh nonce moves the map's start a little. */
      source->x = nc_params_get (key, "x0") + (fresh ? nc_nonce_offset (nonce, 0, 1e-3) : 0.0);
      source->mu = nc_params_get (key, "mu");
      /* Leave the transient behind. */
      for (int i = 0; i < 1000; i++)
        source->x = source->mu * source->x * (1.0 - source->x);
    }
  else
    /* A fresh nonce draws other weights from the same seed. */
    nc_rng_init (&source->rng, (guint64) nc_params_get (key, "seed") ^ nonce);
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

/* source_byte() @length times, whole draws at a time: the bytes of a
 * draw go out last first, as source_byte() hands them out. */
static void
source_fill (Source *source,
             guint8 *out,
             gsize   length)
{
  gsize i = 0;

  while (i < length && source->available > 0)
    out[i++] = source->buffer[--source->available];
  if (source->chaotic)
    for (; i + 3 <= length; i += 3)
      {
        guint8 bytes[3];

        source->x = source->mu * source->x * (1.0 - source->x);
        nc_chaos_bytes (source->x, bytes, 3);
        out[i] = bytes[2];
        out[i + 1] = bytes[1];
        out[i + 2] = bytes[0];
      }
  else
    for (; i + 8 <= length; i += 8)
      {
        guint64 v = GUINT64_TO_BE (nc_rng_next (&source->rng));

        memcpy (out + i, &v, sizeof v);
      }
  for (; i < length; i++)
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


/* Planes have a zero border of m / 2 cells on every side, so the
 * convolution's inner loop has no edge cases. The rows go in bands,
 * shared out on the pool: a thread's planes hold one band and the rows
 * above and below it that the layers need, so a 4096 × 4096 image's
 * activations stay in the cache instead of streaming through memory
 * layer after layer. */
typedef struct {
  const Network *net;
  guint          width, height, pad, stride;
  guint          band;          /* output rows a band */
  guint          band_rows;     /* rows a band plane holds */
  gsize          plane;         /* floats a band plane holds */
  guint          planes;        /* MAX (channels, kernels) */
  guint8        *samples;
  const guint8  *mask;
  guint8         side;
  gboolean       inverse;
  /* Band planes, two a thread: a job takes a pair while it runs. */
  GMutex         scratch_lock;
  float        **scratch;
  guint          n_free;
} Evaluation;

/* What the row functions work on: image rows [y0, y1); image row y is
 * buffer row y + base of the planes (base already counts the border). */
typedef struct {
  const Evaluation *ev;
  guint          layer;
  const float   *in;
  float         *out;
  guint8        *samples;
  const guint8  *mask;
  guint8         side;
  gboolean       inverse;
  guint          y0, y1;
  gssize         base;
} PhaseJob;


typedef guint8 Bytes8 __attribute__ ((vector_size (8)));
typedef guint8 Bytes16 __attribute__ ((vector_size (16)));
typedef guint8 Bytes32 __attribute__ ((vector_size (32)));
typedef long long Long2 __attribute__ ((vector_size (16)));

/* Eight bytes widened to eight ints. Written as a shuffle: GCC 12 turns
 * __builtin_convertvector() from bytes into one conversion an element. */
G_ALWAYS_INLINE static inline void
widen8 (const guint8 *bytes,
        NcInt8       *out)
{
  guint64 word;
  Bytes16 v;

  memcpy (&word, bytes, sizeof word);
  v = (Bytes16) (Long2) { (long long) word, 0 };
  *out = (NcInt8) __builtin_shufflevector (v, v, 0, 8, 8, 8, 1, 8, 8, 8, 2, 8, 8, 8, 3, 8, 8, 8,
                                           4, 8, 8, 8, 5, 8, 8, 8, 6, 8, 8, 8, 7, 8, 8, 8);
}

/* The three channels of eight RGB pixels (24 bytes) as ints: each
 * 16-byte half of the shuffle takes four pixels from one load, so it is
 * one in-lane byte shuffle a channel. */
G_ALWAYS_INLINE static inline void
widen_rgb8 (const guint8 *pixels,
            NcInt8        out[3])
{
  Bytes16 lo, hi;

  memcpy (&lo, pixels, sizeof lo);
  memcpy (&hi, pixels + 8, sizeof hi);
  out[0] = (NcInt8) __builtin_shufflevector (lo, hi, 0, 0, 0, 0, 3, 3, 3, 3, 6, 6, 6, 6, 9, 9, 9, 9,
                                             20, 20, 20, 20, 23, 23, 23, 23, 26, 26, 26, 26,
                                             29, 29, 29, 29) & 255;
  out[1] = (NcInt8) __builtin_shufflevector (lo, hi, 1, 1, 1, 1, 4, 4, 4, 4, 7, 7, 7, 7, 10, 10, 10, 10,
                                             21, 21, 21, 21, 24, 24, 24, 24, 27, 27, 27, 27,
                                             30, 30, 30, 30) & 255;
  out[2] = (NcInt8) __builtin_shufflevector (lo, hi, 2, 2, 2, 2, 5, 5, 5, 5, 8, 8, 8, 8, 11, 11, 11, 11,
                                             22, 22, 22, 22, 25, 25, 25, 25, 28, 28, 28, 28,
                                             31, 31, 31, 31) & 255;
}

/* Plane c of the input: the samples of the pixels where mask == side,
 * mapped to [−1, 1] as (float) v · (1 / 127.5) − 1; zero elsewhere (the
 * other side is multiplied by 0, so a negative value gives −0 as the
 * scalar definition does). Eight pixels at a time: the same operations
 * on the same values, so the same bits. */
/* Inlined into couple_rows() to be built for both instruction sets. */
G_ALWAYS_INLINE static inline void
input_rows (const PhaseJob *job)
{
  const Evaluation *ev = job->ev;
  guint channels = ev->net->channels;
  guint8 side = job->side;
  guint width = ev->width;
  const float keep[2] = { 0.0f, 1.0f };
  const NcInt8 one = (NcInt8) ((NcFloat8) { 0 } + 1.0f);

  for (guint y = job->y0; y < job->y1; y++)
    {
      gsize row = (gsize) ((gssize) y + job->base) * ev->stride + ev->pad;
      const guint8 * restrict src = job->samples + (gsize) y * width * channels;
      const guint8 * restrict m = job->mask + (gsize) y * width;
      float * restrict planes[3];
      guint x = 0;

      for (guint c = 0; c < channels; c++)
        planes[c] = job->out + c * ev->plane + row;

      for (; x + 8 <= width; x += 8)
        {
          NcInt8 values[3], mask;
          NcFloat8 kept;

          widen8 (m + x, &mask);
          kept = (NcFloat8) (one & (mask == side));
          if (channels == 3)
            widen_rgb8 (src + 3 * x, values);
          else
            widen8 (src + x, &values[0]);
          for (guint c = 0; c < channels; c++)
            {
              NcFloat8 value = (__builtin_convertvector (values[c], NcFloat8) * (1.0f / 127.5f) - 1.0f) * kept;

              memcpy (planes[c] + x, &value, sizeof value);
            }
        }
      for (; x < width; x++)
        for (guint c = 0; c < channels; c++)
          planes[c][x] = ((float) src[(gsize) x * channels + c] * (1.0f / 127.5f) - 1.0f)
                         * keep[m[x] == side];
    }
}

/* The activation of eight outputs, the scalar definitions' choices
 * exactly: ReLU gives +0 for −0 (x > 0 ? x : 0), |x| keeps −0
 * (x < 0 ? −x : x), tanh is nc_tanhf(). */
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
              const float *in = job->in + c * ev->plane + (gsize) ((gssize) (y + i) - ev->pad + job->base) * ev->stride + x0;
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
            float *out = job->out + k * ev->plane + (gsize) ((gssize) y + job->base) * ev->stride + ev->pad + x0;

            for (guint v = 0; v < V; v++)
              activate8 (net->activation, &acc[k][v]);
            /* A constant size for whole strips: stores, not a copy loop. */
            if (n == 8 * V)
              memcpy (out, acc[k], 8 * V * sizeof (float));
            else
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
apply_rows_kc (const PhaseJob *job,
               const guint     kernels,
               const guint     channels)
{
  const Evaluation *ev = job->ev;
  const Network *net = ev->net;
  guint width = ev->width;
  guint8 side = job->side;
  gboolean inverse = job->inverse;

  /* Eight pixels at a time, each kernel's activations loaded once for
   * every channel; each shift sums from 0 over the kernels in order, as
   * the scalar definition does (the channels' sums go side by side).
   * The shifts, zero where the pixel does not move and negated to
   * decrypt, are added to the samples as bytes (mod 256), the channels
   * put together by shuffles. Reads up to seven floats past a row's end
   * (the buffers have the slack). */
  for (guint y = job->y0; y < job->y1; y++)
    {
      const guint8 * restrict m = job->mask + (gsize) y * width;
      guint8 * restrict samples = job->samples + (gsize) y * width * channels;
      gsize row = (gsize) ((gssize) y + job->base) * ev->stride + ev->pad;

      for (guint x0 = 0; x0 < width; x0 += 8)
        {
          guint n = MIN (8u, width - x0);
          NcFloat8 acc[3];
          Bytes8 shift[3];
          guint8 tail[8] = { 0 };
          NcInt8 move;

          if (n < 8)
            memcpy (tail, m + x0, n);
          widen8 (n == 8 ? m + x0 : tail, &move);
          move = move != side;
          /* The channels' sums side by side, each still in kernel order. */
          for (guint c = 0; c < channels; c++)
            acc[c] = (NcFloat8) { 0 };
          for (guint k = 0; k < kernels; k++)
            {
              NcFloat8 h;

              memcpy (&h, job->in + k * ev->plane + row + x0, sizeof h);
              for (guint c = 0; c < channels; c++)
                acc[c] += net->projection[c * kernels + k] * h;
            }
          for (guint c = 0; c < channels; c++)
            {
              NcFloat8 t;
              NcInt8 i;

              /* floorf() by truncation and a correction. */
              t = 127.0f * acc[c] + 0.5f;
              i = __builtin_convertvector (t, NcInt8);
              i += __builtin_convertvector (i, NcFloat8) > t;
              i &= move;
              if (inverse)
                i = -i;
              /* The low byte of each: the shift mod 256. */
              shift[c] = __builtin_shufflevector ((Bytes32) i, (Bytes32) i, 0, 4, 8, 12, 16, 20, 24, 28);
            }
          if (n == 8 && channels == 3)
            {
              Bytes16 rg = __builtin_shufflevector (shift[0], shift[1], 0, 1, 2, 3, 4, 5, 6, 7,
                                                    8, 9, 10, 11, 12, 13, 14, 15);
              Bytes16 bb = __builtin_shufflevector (shift[2], shift[2], 0, 1, 2, 3, 4, 5, 6, 7,
                                                    0, 1, 2, 3, 4, 5, 6, 7);
              Bytes16 lo = __builtin_shufflevector (rg, bb, 0, 8, 16, 1, 9, 17, 2, 10, 18,
                                                    3, 11, 19, 4, 12, 20, 5);
              Bytes8 hi = __builtin_shufflevector (rg, bb, 13, 21, 6, 14, 22, 7, 15, 23);
              Bytes16 s16;
              Bytes8 s8;
              guint8 *at = samples + (gsize) x0 * 3;

              memcpy (&s16, at, sizeof s16);
              memcpy (&s8, at + 16, sizeof s8);
              s16 += lo;
              s8 += hi;
              memcpy (at, &s16, sizeof s16);
              memcpy (at + 16, &s8, sizeof s8);
            }
          else if (n == 8 && channels == 1)
            {
              Bytes8 s8;

              memcpy (&s8, samples + x0, sizeof s8);
              s8 += shift[0];
              memcpy (samples + x0, &s8, sizeof s8);
            }
          else
            for (guint x = 0; x < n; x++)
              for (guint c = 0; c < channels; c++)
                samples[(gsize) (x0 + x) * channels + c] += shift[c][x];
        }
    }
}

/* Kernel and channel counts as constants, so the sums stay in registers. */
G_ALWAYS_INLINE static inline void
apply_rows (const PhaseJob *job)
{
#define APPLY(K) \
  case K: \
    if (job->ev->net->channels == 3) \
      apply_rows_kc (job, K, 3); \
    else \
      apply_rows_kc (job, K, 1); \
    break;

  switch (job->ev->net->kernels)
    {
    APPLY (1) APPLY (2) APPLY (3) APPLY (4) APPLY (5) APPLY (6) APPLY (7) APPLY (8)
    default: g_assert_not_reached ();
    }
#undef APPLY
}

typedef struct {
  Evaluation *ev;
  guint       y0, y1;      /* this band's output rows */
} Band;

/* Zeroes the buffer rows that stand for image rows outside the image:
 * the layers read them as the zero border. */
static void
zero_outside (const Evaluation *ev,
              float * const     buffers[2],
              gssize            top,
              gssize            bottom,
              gssize            base)
{
  gssize first_inside = MAX (top, 0), end_inside = MIN (bottom, (gssize) ev->height);

  for (guint b = 0; b < 2; b++)
    for (guint p = 0; p < ev->planes; p++)
      {
        float *plane = buffers[b] + p * ev->plane;

        if (top < first_inside)
          memset (plane + (gsize) (top + base) * ev->stride, 0,
                  (gsize) (first_inside - top) * ev->stride * sizeof (float));
        if (end_inside < bottom)
          memset (plane + (gsize) (end_inside + base) * ev->stride, 0,
                  (gsize) (bottom - end_inside) * ev->stride * sizeof (float));
      }
}

/* One coupling step over one band's rows: the masked input, each layer
 * on the rows the next one reads, then the shift of the band's own rows.
 * The input reads only samples where mask == side and the shift changes
 * only the others, so bands may follow each other in any order and on
 * any thread. */
NC_WIDE_VECTORS static gpointer
couple_rows (gpointer data)
{
  Band *band = data;
  Evaluation *ev = band->ev;
  guint reach = ev->net->n_layers * ev->pad;
  guint b0 = band->y0, b1 = band->y1;
  gssize base = (gssize) (reach + ev->pad) + ev->pad - (gssize) b0;
  float *buffers[2], *in, *out;
  PhaseJob job = { ev, 0, NULL, NULL, ev->samples, ev->mask, ev->side, ev->inverse,
                   b0 > reach ? b0 - reach : 0, MIN (ev->height, b1 + reach), base };

  /* At most as many bands run at once as there are threads. */
  g_mutex_lock (&ev->scratch_lock);
  g_assert (ev->n_free >= 2);
  buffers[1] = ev->scratch[--ev->n_free];
  buffers[0] = ev->scratch[--ev->n_free];
  g_mutex_unlock (&ev->scratch_lock);
  in = buffers[0];
  out = buffers[1];
  job.out = in;
  zero_outside (ev, buffers, (gssize) b0 - reach - ev->pad, (gssize) b1 + reach + ev->pad, base);
  input_rows (&job);
  for (guint l = 0; l < ev->net->n_layers; l++)
    {
      guint left = (ev->net->n_layers - 1 - l) * ev->pad;
      float *swap;

      job.layer = l;
      job.in = in;
      job.out = out;
      job.y0 = b0 > left ? b0 - left : 0;
      job.y1 = MIN (ev->height, b1 + left);
      layer_rows (&job);
      swap = in;
      in = out;
      out = swap;
    }
  job.in = in;
  job.y0 = b0;
  job.y1 = b1;
  apply_rows (&job);
  g_mutex_lock (&ev->scratch_lock);
  ev->scratch[ev->n_free++] = buffers[0];
  ev->scratch[ev->n_free++] = buffers[1];
  g_mutex_unlock (&ev->scratch_lock);
  return NULL;
}

/* Whether the bands go out to the pool: not for small images. */
static gboolean
convolution_parallel (const Evaluation *ev)
{
  return (gsize) ev->width * ev->height >= NC_PARALLEL_THRESHOLD / 4;
}

/* One coupling step: samples where mask != side move by the shift the
 * network computes from the samples where mask == side. */
static void
couple (Evaluation   *ev,
        Band         *bands,
        guint         n_bands,
        guint8       *samples,
        const guint8 *mask,
        guint8        side,
        gboolean      inverse)
{
  ev->samples = samples;
  ev->mask = mask;
  ev->side = side;
  ev->inverse = inverse;
  nc_run_jobs (couple_rows, bands, sizeof *bands, n_bands, convolution_parallel (ev));
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
  g_autofree Band *bands = NULL;
  guint n_bands, n_scratch;
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
  source_fill (&source, mask, n_pixels);
  for (gsize p = 0; p < n_pixels; p++)
    mask[p] &= 1;

  nc_pipeline_init (&stages, key, input);
  stage_control = g_new (guint8, nc_pipeline_control_length (&stages));
  source_fill (&source, stage_control, nc_pipeline_control_length (&stages));
  if (stages.diffuse)
    {
      stage_samples = g_try_malloc (stages.n_samples);
      if (stage_samples == NULL)
        {
          network_clear (&net);
          g_set_error (error, NC_ERROR, NC_ERROR_TOO_LARGE, _("not enough memory for the keystream"));
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
  /* Bands long enough that the rows computed twice (a layer's reach
   * above and below) stay a small part. */
  ev.band = MAX (64u, 8 * net.n_layers * ev.pad);
  ev.band_rows = ev.band + 2 * (net.n_layers + 2) * ev.pad;
  ev.plane = (gsize) ev.stride * ev.band_rows;
  planes = MAX (net.kernels, input->channels);
  ev.planes = planes;
  n_bands = nc_pieces_of (input->height, ev.band);
  bands = g_new (Band, n_bands);
  for (guint b = 0; b < n_bands; b++)
    bands[b] = (Band) { &ev, MIN (b * ev.band, input->height), MIN ((b + 1) * ev.band, input->height) };
  /* A pair of band planes for each thread that may run a band at once. */
  n_scratch = 2 * (convolution_parallel (&ev) ? MIN (n_bands, nc_parallel_get_threads ()) : 1);
  g_mutex_init (&ev.scratch_lock);
  ev.scratch = g_new (float *, n_scratch);
  ev.n_free = n_scratch;
  for (guint i = 0; i < n_scratch; i++)
    /* Slack for the strips' reads past the last row. */
    ev.scratch[i] = g_new0 (float, planes * ev.plane + 16);
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
            couple (&ev, bands, n_bands, work->data, mask, (guint8) (s & 1), FALSE);
        }
      ok = ok && nc_pipeline_encrypt (&stages, work, output, cancellable, error);
    }
  else if (ok)
    {
      ok = nc_pipeline_decrypt (&stages, input, work, cancellable, error);
      for (guint s = 2 * couplings; ok && s-- > 0;)
        {
          if ((ok = !g_cancellable_set_error_if_cancelled (cancellable, error)))
            couple (&ev, bands, n_bands, work->data, mask, (guint8) (s & 1), TRUE);
        }
      if (ok && hybrid)
        ok = nc_pipeline_decrypt (&scramble, work, output, cancellable, error);
      else if (ok)
        memcpy (output->data, work->data, nc_image_get_n_bytes (input));
    }

  for (guint i = 0; i < n_scratch; i++)
    g_free (ev.scratch[i]);
  g_free (ev.scratch);
  g_mutex_clear (&ev.scratch_lock);
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
  .name = N_("Convolutional coupling"),
  .family = NC_FAMILY_CONVOLUTIONAL,
  .summary = N_("A keyed convolutional network inside an exactly invertible additive "
             "coupling: half the pixels shift by what the network computes from the "
             "other half, then the halves swap."),
  .schema = { "convolutional", convolutional_params, G_N_ELEMENTS (convolutional_params) },
  .nominal_formula = N_("K = d^(L·K·m·n) (eq. 3): L layers of K kernels of m × n weights, "
                     "each of d levels"),
  .nominal_key_bits = convolutional_nominal_bits,
  .crypt = convolutional_crypt,
  .diagnose = NULL,
};
