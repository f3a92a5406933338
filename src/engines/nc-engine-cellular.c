/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Cellular neural network (Chua–Yang), three variants:
 *
 * continuous  a hyperchaotic six-cell CNN, integrated with RK4, gives the
 *             keystream for permutation and diffusion;
 * discrete    the review's eq. 6, S(t+1) = f(A∗S(t) + B∗U + I), iterated T
 *             times on the image grid with 3×3 templates A, B and bias I
 *             shared by every cell; the hyperchaotic CNN supplies the
 *             input U and the initial state, and the last pre-activations
 *             are mixed into the keystream;
 * adaptive    as discrete, but the last step runs row by row during the
 *             diffusion, and after each row the feedback template's centre
 *             follows the cells' state and the bias follows the
 *             ciphertext of that row: the keystream depends on the image.
 *
 * f is the Chua–Yang output y = ½ (|x + 1| − |x − 1|). */
#include "nc-engine.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-math.h"
#include "nc-stages.h"

enum { VARIANT_CONTINUOUS, VARIANT_DISCRETE, VARIANT_ADAPTIVE };

#define GRID ((1u << VARIANT_DISCRETE) | (1u << VARIANT_ADAPTIVE))
#define ADAPTIVE (1u << VARIANT_ADAPTIVE)

static const NcParamChoice variants[] = {
  { "continuous", N_("Continuous time") },
  { "discrete", N_("Discrete time") },
  { "adaptive", N_("Adaptive") },
  { NULL, NULL },
};

#define STATE(n, label, def) \
  { "x" #n, label, NC_PARAM_REAL, -1, 1, 1e-10, def, "", \
    N_("Initial state of a cell of the hyperchaotic CNN"), TRUE, NULL, 0, FALSE, FALSE }
#define TEMPLATE(t, id, def, what) \
  { #t #id, #t " " #id, NC_PARAM_REAL, -3, 3, 1e-6, def, "", what, TRUE, NULL, GRID, FALSE, FALSE }
#define FEEDBACK(id, def) TEMPLATE (a, id, def, N_("Feedback template A: weight of a neighbour's output"))
#define CONTROL(id, def) TEMPLATE (b, id, def, N_("Control template B: weight of a neighbour's input"))

static const NcParamSpec cellular_params[] = {
  { "variant", N_("Variant"), NC_PARAM_CHOICE, 0, 2, 1, 0, "",
    N_("Continuous-time hyperchaotic CNN, discrete-time CNN on the image grid, or adaptive templates"),
    FALSE, variants, 0, FALSE, FALSE },
  STATE (1, N_("Cell 1 initial state"), 0.1),
  STATE (2, N_("Cell 2 initial state"), 0.2),
  STATE (3, N_("Cell 3 initial state"), 0.3),
  STATE (4, N_("Cell 4 initial state"), -0.1),
  STATE (5, N_("Cell 5 initial state"), -0.2),
  STATE (6, N_("Cell 6 initial state"), -0.3),
  { "burn_in", N_("Burn-in"), NC_PARAM_INT, 500, 20000, 1, 2000, N_("steps"),
    N_("RK4 steps run and discarded before the keystream starts; one more step only slides "
    "the keystream along"), TRUE, NULL, 0, FALSE, TRUE },
  FEEDBACK (11, -0.1), FEEDBACK (12, 0.2), FEEDBACK (13, -0.1),
  FEEDBACK (21, 0.2), FEEDBACK (22, 2.0), FEEDBACK (23, 0.2),
  FEEDBACK (31, -0.1), FEEDBACK (32, 0.2), FEEDBACK (33, -0.1),
  CONTROL (11, 0.1), CONTROL (12, -0.1), CONTROL (13, 0.1),
  CONTROL (21, -0.1), CONTROL (22, 1.0), CONTROL (23, -0.1),
  CONTROL (31, 0.1), CONTROL (32, -0.1), CONTROL (33, 0.1),
  { "bias", N_("Bias I"), NC_PARAM_REAL, -2, 2, 1e-6, 0.05, "",
    N_("Bias I added to every cell"), TRUE, NULL, GRID, FALSE, FALSE },
  { "eta", N_("Adaptation rate"), NC_PARAM_REAL, 0, 0.1, 1e-6, 0.02, "",
    N_("How far the templates move after each row, following the state and the ciphertext"),
    TRUE, NULL, ADAPTIVE, FALSE, FALSE },
  { "iterations", N_("Iterations T"), NC_PARAM_INT, 1, 8, 1, 2, "",
    N_("Discrete-time steps of the grid CNN"), FALSE, NULL, GRID, FALSE, FALSE },
  { "h", N_("Step h"), NC_PARAM_REAL, 0.001, 0.02, 0.001, 0.01, "",
    N_("RK4 integration step of the hyperchaotic CNN"), FALSE, NULL, 0, FALSE, FALSE },
  NC_STAGE_PARAM_SPECS,
  NC_NONCE_PARAM_SPECS,
};

typedef struct {
  double   x0[6];
  double   a[9];
  double   b[9];
  double   bias;
  double   eta;
  double   h;
  guint    burn_in;
  guint    iterations;
  guint    variant;
} CellularKey;

static void
read_key (const NcParams *params,
          CellularKey    *k)
{
  static const char *states[] = { "x1", "x2", "x3", "x4", "x5", "x6" };
  static const char *a[] = { "a11", "a12", "a13", "a21", "a22", "a23", "a31", "a32", "a33" };
  static const char *b[] = { "b11", "b12", "b13", "b21", "b22", "b23", "b31", "b32", "b33" };

  guint64 nonce;

  for (int i = 0; i < 6; i++)
    k->x0[i] = nc_params_get (params, states[i]);
  /* A fresh nonce moves the initial state a little: after the burn-in
   * the trajectory, and so the keystream, is another. */
  if (nc_params_get_nonce (params, &nonce))
    for (int i = 0; i < 6; i++)
      k->x0[i] += nc_nonce_offset (nonce, i, 1e-3);
  for (int i = 0; i < 9; i++)
    {
      k->a[i] = nc_params_get (params, a[i]);
      k->b[i] = nc_params_get (params, b[i]);
    }
  k->bias = nc_params_get (params, "bias");
  k->eta = nc_params_get (params, "eta");
  k->h = nc_params_get (params, "h");
  k->burn_in = (guint) nc_params_get (params, "burn_in");
  k->iterations = (guint) nc_params_get (params, "iterations");
  k->variant = nc_params_get_variant (params);
}

G_STATIC_ASSERT (NC_LANES_PER_THREAD == 4 && NC_LANES == 8);

/* The hyperchaotic six-cell CNN's lanes, four at a time (a thread's
 * share) and eight (every lane on one thread, in one AVX-512 vector). */
#define LANES_WIDTH 4
#define LANES_TARGET NC_WIDE_VECTORS
#include "nc-engine-cellular-lanes.h"
#undef LANES_WIDTH
#undef LANES_TARGET

#define LANES_WIDTH 8
#define LANES_TARGET NC_WIDEST_VECTORS
#include "nc-engine-cellular-lanes.h"
#undef LANES_WIDTH
#undef LANES_TARGET

/* The grid CNN of eq. 6, on a torus of width × height cells, in single
 * precision: a cell's state lives in [−1, 1], and half the memory traffic
 * matters more than digits nobody reads. */

typedef struct {
  guint   width;
  guint   height;
  float   a[9];
  float   b[9];
  float   bias;
  float  *control;    /* B∗U + I, fixed over the iterations */
  float  *state;      /* S(t), the cells' outputs */
  float  *next;       /* S(t + 1) while a step runs */
} Grid;

static void
grid_clear (Grid *g)
{
  g_clear_pointer (&g->control, g_free);
  g_clear_pointer (&g->state, g_free);
  g_clear_pointer (&g->next, g_free);
}

/* Σ t[dy][dx] · in[y+dy−1][x+dx−1] over a 3×3 neighbourhood, indices
 * wrapping: the same order of additions for every cell. */
static inline float
convolve_cell (const float *up,
               const float *mid,
               const float *down,
               const float  t[9],
               guint        left,
               guint        x,
               guint        right)
{
  return t[0] * up[left] + t[1] * up[x] + t[2] * up[right]
       + t[3] * mid[left] + t[4] * mid[x] + t[5] * mid[right]
       + t[6] * down[left] + t[7] * down[x] + t[8] * down[right];
}

/* A whole row of convolve_cell(): the wrapped edges apart, so the inner
 * loop has plain indices and vectorises. */
static void
convolve_row (const float * restrict up,
              const float * restrict mid,
              const float * restrict down,
              const float              t[9],
              guint                    width,
              float       * restrict out)
{
  if (width == 1)
    {
      out[0] = convolve_cell (up, mid, down, t, 0, 0, 0);
      return;
    }
  out[0] = convolve_cell (up, mid, down, t, width - 1, 0, 1);
  for (guint x = 1; x + 1 < width; x++)
    out[x] = convolve_cell (up, mid, down, t, x - 1, x, x + 1);
  out[width - 1] = convolve_cell (up, mid, down, t, width - 2, width - 1, 0);
}

static inline const float *
grid_row (const Grid  *g,
          const float *plane,
          guint        y,
          int          offset)
{
  return plane + (gsize) ((y + g->height + (guint) (offset + 1) - 1) % g->height) * g->width;
}

typedef struct {
  Grid          *grid;
  guint          y0, y1;
  const float   *input;    /* U, to build B∗U + I; or NULL for a step */
  guint8        *mix;      /* last step: where to mix pre-activations, or NULL */
  guint          channels;
  gboolean       keep_pre; /* leave A∗S + B∗U + I in next, without f */
} GridJob;

/* Mixes a pre-activation into a pixel's keystream bytes: bits 2^-21 …
 * 2^-6 of |x|, below what the templates' values decide. */
static inline void
mix_cell (float   x,
          guint8 *key,
          guint   channels)
{
  guint32 q = (guint32) ((x < 0 ? -x : x) * 0x1p21f);
  guint8 bytes[3] = { (guint8) q, (guint8) (q >> 8), (guint8) (q ^ (q >> 11)) };

  for (guint c = 0; c < channels; c++)
    key[c] ^= bytes[c];
}

static inline float
chua_yang_f (float v)
{
  return v > 1.0f ? 1.0f : (v < -1.0f ? -1.0f : v);
}

/* For rows [y0, y1): builds the control term B∗U + I, or runs one step
 * S(t+1) = f(A∗S(t) + B∗U + I), mixing the pre-activations into the
 * keystream on the last step. */
NC_WIDE_VECTORS static gpointer
grid_rows (gpointer data)
{
  GridJob *job = data;
  Grid *g = job->grid;
  g_autofree float *pre = g_new (float, g->width);

  for (guint y = job->y0; y < job->y1; y++)
    {
      gsize row = (gsize) y * g->width;
      float *control = g->control + row;

      if (job->input != NULL)
        {
          convolve_row (grid_row (g, job->input, y, -1), grid_row (g, job->input, y, 0),
                        grid_row (g, job->input, y, 1), g->b, g->width, control);
          for (guint x = 0; x < g->width; x++)
            control[x] += g->bias;
          continue;
        }

      convolve_row (grid_row (g, g->state, y, -1), grid_row (g, g->state, y, 0),
                    grid_row (g, g->state, y, 1), g->a, g->width, pre);
      for (guint x = 0; x < g->width; x++)
        {
          pre[x] += control[x];
          g->next[row + x] = job->keep_pre ? pre[x] : chua_yang_f (pre[x]);
        }
      if (job->mix != NULL)
        for (guint x = 0; x < g->width; x++)
          mix_cell (pre[x], job->mix + (row + x) * job->channels, job->channels);
    }
  return NULL;
}

/* Rows a job: bands taken by whichever thread is free. */
#define GRID_ROWS 64

/* Runs @job over all rows, in bands shared out on the pool for large
 * grids; a cell's value does not depend on which thread computed it. */
static void
grid_parallel (GridJob job)
{
  guint height = job.grid->height;
  guint n_jobs = nc_pieces_of (height, GRID_ROWS);
  g_autofree GridJob *jobs = g_new (GridJob, n_jobs);

  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j] = job;
      jobs[j].y0 = MIN (j * GRID_ROWS, height);
      jobs[j].y1 = MIN ((j + 1) * GRID_ROWS, height);
    }
  nc_run_jobs (grid_rows, jobs, sizeof *jobs, n_jobs,
               (gsize) job.grid->width * height >= NC_PARALLEL_THRESHOLD);
}

/* Builds the grid from the hyperchaotic bytes after the pipeline's
 * keystream, one byte per cell for the input U and one for S(0), both
 * mapped to [−1, 1]; then runs @steps steps, mixing the last one's
 * pre-activations into @mix when it is not NULL. */
static void
grid_run (Grid              *g,
          const CellularKey *k,
          const guint8      *bytes,
          guint              steps,
          guint8            *mix,
          guint              channels)
{
  gsize n = (gsize) g->width * g->height;

  for (int i = 0; i < 9; i++)
    {
      g->a[i] = (float) k->a[i];
      g->b[i] = (float) k->b[i];
    }
  g->bias = (float) k->bias;
  float level[256];

  for (int i = 0; i < 256; i++)
    level[i] = ((float) i - 127.5f) / 127.5f;
  g->control = g_new (float, n);
  g->state = g_new (float, n);
  g->next = g_new (float, n);
  /* U goes in next for the moment: it is only needed to build B∗U + I. */
  for (gsize i = 0; i < n; i++)
    {
      g->next[i] = level[bytes[i]];
      g->state[i] = level[bytes[n + i]];
    }
  grid_parallel ((GridJob) { g, 0, 0, g->next, NULL, channels, FALSE });

  for (guint t = 0; t < steps; t++)
    {
      float *swap;

      grid_parallel ((GridJob) { g, 0, 0, NULL, t + 1 == steps ? mix : NULL, channels, FALSE });
      swap = g->state;
      g->state = g->next;
      g->next = swap;
    }
}

/* After grid_run(): next ← A∗S + B∗U + I for the step the adaptive
 * variant takes row by row. */
static void
grid_preactivate (Grid *g)
{
  grid_parallel ((GridJob) { g, 0, 0, NULL, NULL, 1, TRUE });
}

/* The adaptive variant's last step, one row at a time. */
typedef struct {
  const CellularKey *key;
  Grid              *grid;
  guint              channels;
  float              a[9];
  float              bias_shift;
  float             *row;        /* one row's pre-activations */
} Adaptive;

static void
adaptive_reset (gpointer context)
{
  Adaptive *ad = context;

  memcpy (ad->a, ad->grid->a, sizeof ad->a);
  ad->bias_shift = 0.0f;
}

/* Only the feedback template's centre adapts, so a row's pre-activations
 * are the precomputed A∗S + B∗U + I plus the centre's drift times the
 * cell's own state, plus the bias's drift. */
static void
adaptive_row (gpointer      context,
              guint         row,
              const guint8 *previous_cipher_row,
              guint8       *row_key)
{
  Adaptive *ad = context;
  const Grid *g = ad->grid;
  gsize row_bytes = (gsize) g->width * ad->channels;
  const float *pre = g->next + (gsize) row * g->width;
  const float *state = g->state + (gsize) row * g->width;
  float eta = (float) ad->key->eta;
  float drift = ad->a[4] - g->a[4];
  float mean_state = 0.0f;

  if (previous_cipher_row != NULL)
    {
      guint64 sum = 0;

      for (gsize i = 0; i < row_bytes; i++)
        sum += previous_cipher_row[i];
      ad->bias_shift += eta * (2.0f * (float) ((double) sum / (255.0 * (double) row_bytes)) - 1.0f);
      ad->bias_shift = CLAMP (ad->bias_shift, -2.0f, 2.0f);
    }

  /* Three passes so the first two vectorise: the pre-activations, their
   * key bytes, then the mean state summed in order. */
  {
    float * restrict v = ad->row;
    float bias_shift = ad->bias_shift;
    guint width = g->width;

    for (guint x = 0; x < width; x++)
      v[x] = pre[x] + drift * state[x] + bias_shift;
    if (ad->channels == 3)
      for (guint x = 0; x < width; x++)
        {
          guint32 q = (guint32) ((v[x] < 0 ? -v[x] : v[x]) * 0x1p21f);

          row_key[3 * (gsize) x] = (guint8) q;
          row_key[3 * (gsize) x + 1] = (guint8) (q >> 8);
          row_key[3 * (gsize) x + 2] = (guint8) (q ^ (q >> 11));
        }
    else
      {
        memset (row_key, 0, row_bytes);
        for (guint x = 0; x < width; x++)
          mix_cell (v[x], row_key + (gsize) x * ad->channels, ad->channels);
      }
    for (guint x = 0; x < width; x++)
      mean_state += chua_yang_f (v[x]);
  }
  ad->a[4] = CLAMP (ad->a[4] + eta * mean_state / (float) g->width, -3.0f, 3.0f);
}

static gboolean
cellular_crypt (const NcEngine *engine,
                const NcParams *params,
                const NcImage  *input,
                NcImage        *output,
                gboolean        decrypt,
                GCancellable   *cancellable,
                GError        **error)
{
  NcPipeline pipeline;
  CellularKey key;
  Grid grid = { .width = input->width, .height = input->height };
  Adaptive adaptive = { 0 };
  NcRowKeySource row_key = { &adaptive, adaptive_reset, adaptive_row };
  g_autofree guint8 *stream = NULL;
  g_autofree float *adaptive_row_buffer = NULL;
  gsize pipeline_length, n_pixels = nc_image_get_n_pixels (input), length;
  gboolean ok;

  (void) engine;

  /* Every byte set, so that the keystream cache can compare keys. */
  memset (&key, 0, sizeof key);
  read_key (params, &key);
  nc_pipeline_init (&pipeline, params, input);
  pipeline_length = nc_pipeline_keystream_length (&pipeline);
  length = pipeline_length + (key.variant != VARIANT_CONTINUOUS ? 2 * n_pixels : 0);
  stream = nc_keystream_new_from_lanes (&key, sizeof key, fill4, fill8, length, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (key.variant == VARIANT_DISCRETE)
    grid_run (&grid, &key, stream + pipeline_length, key.iterations, stream, input->channels);
  else if (key.variant == VARIANT_ADAPTIVE)
    {
      grid_run (&grid, &key, stream + pipeline_length, key.iterations - 1, NULL,
                input->channels);
      grid_preactivate (&grid);
      adaptive_row_buffer = g_new (float, input->width);
      adaptive = (Adaptive) { &key, &grid, input->channels, { 0 }, 0.0f, adaptive_row_buffer };
      pipeline.row_key = &row_key;
    }

  ok = nc_pipeline_run (&pipeline, stream, input, output, decrypt, cancellable, error);
  grid_clear (&grid);
  return ok;
}

/* Review eq. 2: K = M^N · P^(N·C) · Q^(N·D): N cells each with an initial
 * state of M levels and its own C feedback and D control coefficients of
 * P and Q levels. The continuous CNN has six cells and fixed
 * coefficients; the grid CNN has a cell per pixel. This implementation
 * shares one template between all cells, which is why its effective key
 * space is so much smaller. */
static double
cellular_nominal_bits (const NcEngine *engine,
                       const NcParams *key,
                       guint64         n_pixels)
{
  const NcParamSpec *state = &engine->schema.specs[nc_params_find (key, "x1")];
  const NcParamSpec *feedback = &engine->schema.specs[nc_params_find (key, "a11")];
  const NcParamSpec *control = &engine->schema.specs[nc_params_find (key, "b11")];
  double m = log2 ((double) nc_param_spec_levels (state));
  double p = log2 ((double) nc_param_spec_levels (feedback));
  double q = log2 ((double) nc_param_spec_levels (control));

  if (nc_params_get_variant (key) == VARIANT_CONTINUOUS)
    return 6 * m;
  return (double) n_pixels * (m + 9 * p + 9 * q);
}

#define LYAPUNOV_STEPS 20000
#define LYAPUNOV_CHAOTIC 0.02

/* The hyperchaotic CNN after its burn-in (every variant's keystream). */
NC_WIDE_VECTORS static void
cellular_chaos (const NcEngine *engine,
                const NcParams *params,
                NcChaos        *out)
{
  CellularKey k;
  Lanes4 s;

  (void) engine;
  read_key (params, &k);
  lanes_init4 (&k, 0, &s);
  for (guint n = 0; n < k.burn_in; n++)
    lanes_step4 (&s, k.h);
  nc_lanes_measure_chaos (&s, &s.x[0][0], 6, step_lanes4, &k, k.h, LYAPUNOV_STEPS, out);
  out->what = _("the hyperchaotic six-cell CNN");
}

/* A diverging flow or a periodic orbit. */
static gboolean
is_weak (double lyapunov)
{
  return isnan (lyapunov) || lyapunov < LYAPUNOV_CHAOTIC;
}

static char *
cellular_diagnose (const NcEngine *engine,
                   const NcParams *params)
{
  NcChaos chaos;

  cellular_chaos (engine, params, &chaos);
  if (!is_weak (chaos.lyapunov))
    return NULL;
  if (isnan (chaos.lyapunov))
    return g_strdup (_("This key makes the hyperchaotic CNN diverge: its states "
                     "grow without bound and the keystream is meaningless."));
  return g_strdup_printf (_("This key gives a periodic orbit, not chaos: the largest "
                          "Lyapunov exponent of the hyperchaotic CNN is about %.3f per "
                          "unit time, below %.2f, so its keystream repeats."),
                          chaos.lyapunov, LYAPUNOV_CHAOTIC);
}

/* Keys measured side by side: two to an AVX vector, four to an AVX-512
 * one. */
static guint
count_weak_group (gconstpointer const *group,
                  guint                n_keys)
{
  const CellularKey * const *keys = (const CellularKey * const *) group;
  NcChaosPair pairs[4];
  guint weak = 0;

  for (guint p = 0; p < n_keys; p++)
    pairs[p].start = keys[p]->burn_in;
  if (n_keys > 2)
    {
      Lanes8 s;

      lanes_init_pairs8 (keys, n_keys, &s);
      nc_lanes_measure_chaos_pairs (&s, &s.x[0][0], 8, 6, step_lanes8, keys[0], keys[0]->h,
                                    LYAPUNOV_STEPS, pairs, n_keys, NULL);
    }
  else
    {
      Lanes4 s;

      lanes_init_pairs4 (keys, n_keys, &s);
      nc_lanes_measure_chaos_pairs (&s, &s.x[0][0], 4, 6, step_lanes4, keys[0], keys[0]->h,
                                    LYAPUNOV_STEPS, pairs, n_keys, NULL);
    }
  for (guint p = 0; p < n_keys; p++)
    weak += is_weak (pairs[p].lyapunov);
  return weak;
}

static gboolean
share_lanes (gconstpointer a,
             gconstpointer b)
{
  return ((const CellularKey *) a)->h == ((const CellularKey *) b)->h;
}

static int
order_for_groups (gconstpointer a,
                  gconstpointer b)
{
  const CellularKey *ka = a, *kb = b;

  if (ka->h != kb->h)
    return ka->h < kb->h ? -1 : 1;
  return ka->burn_in < kb->burn_in ? -1 : ka->burn_in > kb->burn_in;
}

/* cellular_diagnose() on many keys, the same verdicts. */
static guint
cellular_count_weak (const NcEngine         *engine,
                     const NcParams * const *params,
                     guint                   n_params)
{
  g_autofree CellularKey *keys = g_new0 (CellularKey, MAX (n_params, 1));

  (void) engine;
  for (guint i = 0; i < n_params; i++)
    read_key (params[i], &keys[i]);
  return nc_lanes_count_weak (keys, sizeof *keys, n_params, order_for_groups, share_lanes,
                              count_weak_group);
}

const NcEngine nc_engine_cellular = {
  .id = "cellular",
  .name = N_("Chua–Yang network"),
  .family = NC_FAMILY_CELLULAR,
  .summary = N_("Chua–Yang cellular neural networks: a hyperchaotic six-cell CNN, and a "
             "discrete-time CNN on the image grid with shared 3×3 templates, plain or "
             "adapting to the ciphertext."),
  .schema = { "cellular", cellular_params, G_N_ELEMENTS (cellular_params) },
  .nominal_formula = N_("K = M^N · P^(N·C) · Q^(N·D) (eq. 2): N cells (6, or one per pixel "
                     "on the grid), M initial-state levels, C = D = 9 template "
                     "coefficients per cell of P and Q levels"),
  .nominal_key_bits = cellular_nominal_bits,
  .crypt = cellular_crypt,
  .diagnose = cellular_diagnose,
  .count_weak = cellular_count_weak,
  .chaos = cellular_chaos,
};
