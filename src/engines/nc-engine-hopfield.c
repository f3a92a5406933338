/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chaotic neural network: a three-neuron Hopfield network
 * dx/dt = −x + W·tanh(x) (+ input), integrated with RK4, whose trajectory
 * gives the keystream for permutation and diffusion (the review's
 * Figure 1). A chaotic map perturbs it: the weights (weight perturbation),
 * an external input (input perturbation), or both with a choice of map
 * (hybrid). Eight trajectories run side by side, four per thread. */
#include "nc-engine.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include "nc-math.h"
#include "nc-stages.h"

enum { VARIANT_WEIGHT, VARIANT_INPUT, VARIANT_HYBRID };
enum { SOURCE_LOGISTIC, SOURCE_HENON, SOURCE_LORENZ };

#define ONLY_WEIGHT ((1u << VARIANT_WEIGHT) | (1u << VARIANT_HYBRID))
#define ONLY_INPUT ((1u << VARIANT_INPUT) | (1u << VARIANT_HYBRID))
#define ONLY_HYBRID (1u << VARIANT_HYBRID)

static const NcParamChoice variants[] = {
  { "weight-perturbation", N_("Weight perturbation") },
  { "input-perturbation", N_("Input perturbation") },
  { "hybrid", N_("Hybrid") },
  { NULL, NULL },
};

static const NcParamChoice sources[] = {
  { "logistic", N_("Logistic map") },
  { "henon", N_("Hénon map") },
  { "lorenz", N_("Lorenz system") },
  { NULL, NULL },
};

/* The chaotic weights of the review's three-neuron network; each key
 * weight may move ±0.01 around its value, in steps of 1e-7. */
#define WEIGHT(id, label, base) \
  { id, label, NC_PARAM_REAL, base - 0.01, base + 0.01, 1e-7, base, "", \
    N_("A connection weight of the network (chaotic near its default)"), TRUE, NULL, 0, FALSE, FALSE }
#define STATE(id, label) \
  { id, label, NC_PARAM_REAL, -1, 1, 1e-10, 0.1, "", \
    N_("Initial state of a neuron"), TRUE, NULL, 0, FALSE, FALSE }

static const NcParamSpec hopfield_params[] = {
  { "variant", N_("Variant"), NC_PARAM_CHOICE, 0, 2, 1, 0, "",
    N_("How the chaotic map perturbs the network"), FALSE, variants, 0, FALSE, FALSE },
  STATE ("x0", N_("Neuron 1 initial state")),
  STATE ("y0", N_("Neuron 2 initial state")),
  STATE ("z0", N_("Neuron 3 initial state")),
  WEIGHT ("w11", N_("Weight w11"), 2.0),
  WEIGHT ("w12", N_("Weight w12"), -1.2),
  WEIGHT ("w13", N_("Weight w13"), 0.0),
  WEIGHT ("w21", N_("Weight w21"), 1.9995),
  WEIGHT ("w22", N_("Weight w22"), 1.71),
  WEIGHT ("w23", N_("Weight w23"), 1.15),
  WEIGHT ("w31", N_("Weight w31"), -4.75),
  WEIGHT ("w32", N_("Weight w32"), 0.0),
  WEIGHT ("w33", N_("Weight w33"), 1.1),
  { "eps_w", N_("Weight perturbation"), NC_PARAM_REAL, 0, 0.1, 1e-6, 0.02, "",
    N_("Strength ε of the map's perturbation of every weight: W + ε (s − ½)"),
    TRUE, NULL, ONLY_WEIGHT, FALSE, FALSE },
  { "eps_u", N_("Input perturbation"), NC_PARAM_REAL, 0, 0.5, 1e-6, 0.1, "",
    N_("Strength of the map's signal fed to the neurons as an external input"),
    TRUE, NULL, ONLY_INPUT, FALSE, FALSE },
  { "source", N_("Chaotic source"), NC_PARAM_CHOICE, 0, 2, 1, 0, "",
    N_("The map that perturbs the network"), TRUE, sources, ONLY_HYBRID, FALSE, FALSE },
  { "mu", N_("Logistic μ"), NC_PARAM_REAL, 3.9, 4.0, 1e-9, 3.99, "",
    N_("Parameter of the logistic map s ← μ s (1 − s)"), TRUE, NULL, 0, FALSE, FALSE },
  { "henon_a", N_("Hénon a"), NC_PARAM_REAL, 1.3, 1.4, 1e-9, 1.4, "",
    N_("Parameter a of the Hénon map (b = 0.3)"), TRUE, NULL, ONLY_HYBRID, FALSE, FALSE },
  { "s0", N_("Map initial state"), NC_PARAM_REAL, 0.01, 0.99, 1e-10, 0.37, "",
    N_("Initial state of the perturbing map"), TRUE, NULL, 0, FALSE, FALSE },
  { "burn_in", N_("Burn-in"), NC_PARAM_INT, 1000, 20000, 1, 3000, N_("steps"),
    N_("RK4 steps run and discarded before the keystream starts; one more step only slides "
    "the keystream along"), TRUE, NULL, 0, FALSE, TRUE },
  { "h", N_("Step h"), NC_PARAM_REAL, 0.001, 0.05, 0.001, 0.01, "",
    N_("RK4 integration step"), FALSE, NULL, 0, FALSE, FALSE },
  NC_STAGE_PARAM_SPECS,
  NC_NONCE_PARAM_SPECS,
};

typedef struct {
  double w[9];
  double x0[3];
  double eps_w, eps_u;
  double mu, henon_a, s0, h;
  int    source;
  guint  burn_in;
} HopfieldKey;

#define L NC_LANES_PER_THREAD

typedef struct {
  double x[3][L];
  double m[3][L];
} Lanes;

static void
read_key (const NcParams *params,
          HopfieldKey    *k)
{
  static const char *weights[] = { "w11", "w12", "w13", "w21", "w22", "w23",
                                   "w31", "w32", "w33" };
  guint variant = nc_params_get_variant (params);
  guint64 nonce;

  for (int i = 0; i < 9; i++)
    k->w[i] = nc_params_get (params, weights[i]);
  k->x0[0] = nc_params_get (params, "x0");
  k->x0[1] = nc_params_get (params, "y0");
  k->x0[2] = nc_params_get (params, "z0");
  /* A fresh nonce moves the initial state a little: after the burn-in
   * the trajectory, and so the keystream, is another. */
  if (nc_params_get_nonce (params, &nonce))
    for (int i = 0; i < 3; i++)
      k->x0[i] += nc_nonce_offset (nonce, i, 1e-3);
  k->eps_w = variant != VARIANT_INPUT ? nc_params_get (params, "eps_w") : 0.0;
  k->eps_u = variant != VARIANT_WEIGHT ? nc_params_get (params, "eps_u") : 0.0;
  k->source = variant == VARIANT_HYBRID ? (int) nc_params_get (params, "source")
                                        : SOURCE_LOGISTIC;
  k->mu = nc_params_get (params, "mu");
  k->henon_a = nc_params_get (params, "henon_a");
  k->s0 = nc_params_get (params, "s0");
  k->h = nc_params_get (params, "h");
  k->burn_in = (guint) nc_params_get (params, "burn_in");
}

/* Lanes start near the key's state, each a little apart; their low bits
 * part at once, their paths within a few hundred time units. */
static void
lanes_init (const HopfieldKey *k,
            guint              first_lane,
            Lanes             *s)
{
  static const double spread[3] = { 0.0137, -0.0091, 0.0053 };

  for (int l = 0; l < L; l++)
    {
      double lane = first_lane + l;
      double s0 = k->s0 + 0.0101 * lane;

      for (int i = 0; i < 3; i++)
        s->x[i][l] = k->x0[i] + spread[i] * lane;
      s->m[0][l] = s0 < 1.0 ? s0 : s0 - 0.98;
      s->m[1][l] = k->source == SOURCE_LORENZ ? 1.0 : 0.0;
      s->m[2][l] = k->source == SOURCE_LORENZ ? 20.0 : 0.0;
      if (k->source == SOURCE_LORENZ)
        s->m[0][l] = 20.0 * s->m[0][l] - 10.0;
      else if (k->source == SOURCE_HENON)
        s->m[0][l] -= 0.5;
    }
}

/* The lanes side by side as vectors (NcDouble4: L is 4): each element
 * gets the scalar code's operations in its order, so the bits are those
 * of one lane computed alone. */
G_STATIC_ASSERT (L == 4);

/* Vectors pass by pointer: by value they differ between the AVX2 and
 * the baseline builds. */
static inline void
load4 (NcDouble4    *r,
       const double  v[L])
{
  memcpy (r, v, sizeof *r);
}

static inline void
store4 (double           v[L],
        const NcDouble4 *r)
{
  memcpy (v, r, sizeof *r);
}

/* Advances the perturbing map once and returns its signal in about
 * [−½, ½]. */
static inline void
driver_step (const HopfieldKey *k,
             Lanes             *s,
             NcDouble4         *u)
{
  NcDouble4 m0, m1, m2, next;

  load4 (&m0, s->m[0]);
  load4 (&m1, s->m[1]);
  load4 (&m2, s->m[2]);
  switch (k->source)
    {
    case SOURCE_HENON:
      next = 1.0 - k->henon_a * m0 * m0 + m1;
      m1 = 0.3 * m0;
      store4 (s->m[1], &m1);
      store4 (s->m[0], &next);
      *u = next / 3.0;
      break;
    case SOURCE_LORENZ:
      {
        NcDouble4 y = m1 + k->h * (m0 * (28.0 - m2) - m1);
        NcDouble4 z = m2 + k->h * (m0 * m1 - (8.0 / 3.0) * m2);

        next = m0 + k->h * (10.0 * (m1 - m0));
        store4 (s->m[0], &next);
        store4 (s->m[1], &y);
        store4 (s->m[2], &z);
        *u = next / 40.0;
        break;
      }
    case SOURCE_LOGISTIC:
    default:
      m0 = k->mu * m0 * (1.0 - m0);
      store4 (s->m[0], &m0);
      *u = m0 - 0.5;
      break;
    }
}

static inline void
derivative (const HopfieldKey *k,
            const NcDouble4    x[3],
            const NcDouble4   *u,
            NcDouble4          dx[3])
{
  NcDouble4 t[3] = { x[0], x[1], x[2] };
  NcDouble4 pw = k->eps_w * *u;

  for (int i = 0; i < 3; i++)
    nc_tanh4 (&t[i]);
  for (int i = 0; i < 3; i++)
    {
      NcDouble4 input = k->eps_u * *u * (i == 1 ? -1.0 : 1.0);

      dx[i] = -x[i] + (k->w[3 * i] + pw) * t[0] + (k->w[3 * i + 1] + pw) * t[1]
              + (k->w[3 * i + 2] + pw) * t[2] + input;
    }
}

/* One RK4 step of every lane, the map's signal held over the step. */
G_ALWAYS_INLINE static inline void
lanes_step (const HopfieldKey *k,
            Lanes             *s)
{
  NcDouble4 x[3], k1[3], k2[3], k3[3], k4[3], tmp[3], u;
  double h = k->h;

  for (int i = 0; i < 3; i++)
    load4 (&x[i], s->x[i]);
  driver_step (k, s, &u);
  derivative (k, x, &u, k1);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + 0.5 * h * k1[i];
  derivative (k, tmp, &u, k2);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + 0.5 * h * k2[i];
  derivative (k, tmp, &u, k3);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + h * k3[i];
  derivative (k, tmp, &u, k4);
  for (int i = 0; i < 3; i++)
    {
      NcDouble4 next = x[i] + (h / 6.0) * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);

      store4 (s->x[i], &next);
    }
}

#define BYTES_PER_STEP 9

NC_WIDE_VECTORS static gboolean
hopfield_fill (gconstpointer   context,
               guint           first_lane,
               guint8 * const *segments,
               const gsize    *lengths,
               GCancellable   *cancellable)
{
  const HopfieldKey *k = context;
  gsize longest = 0;
  Lanes s;

  lanes_init (k, first_lane, &s);
  for (guint n = 0; n < k->burn_in; n++)
    lanes_step (k, &s);

  for (int l = 0; l < L; l++)
    longest = MAX (longest, lengths[l]);

  for (gsize pos = 0, n = 0; pos < longest; pos += BYTES_PER_STEP, n++)
    {
      if ((n & 8191) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      lanes_step (k, &s);
      for (int l = 0; l < L; l++)
        {
          guint8 bytes[BYTES_PER_STEP];

          if (pos >= lengths[l])
            continue;
          for (int i = 0; i < 3; i++)
            nc_chaos_bytes (s.x[i][l], bytes + 3 * i, 3);
          memcpy (segments[l] + pos, bytes, MIN (BYTES_PER_STEP, lengths[l] - pos));
        }
    }
  return TRUE;
}

static gboolean
hopfield_crypt (const NcEngine *engine,
                const NcParams *params,
                const NcImage  *input,
                NcImage        *output,
                gboolean        decrypt,
                GCancellable   *cancellable,
                GError        **error)
{
  NcPipeline pipeline;
  HopfieldKey key;
  g_autofree guint8 *stream = NULL;

  (void) engine;

  /* Every byte set, so that the keystream cache can compare keys. */
  memset (&key, 0, sizeof key);
  read_key (params, &key);
  nc_pipeline_init (&pipeline, params, input);
  stream = nc_keystream_new_from_lanes (&key, sizeof key, hopfield_fill,
                                        nc_pipeline_keystream_length (&pipeline), cancellable, error);
  return stream != NULL &&
         nc_pipeline_run (&pipeline, stream, input, output, decrypt, cancellable, error);
}

/* Review eq. 1: K = Π (max − min) / step over the initial conditions and
 * parameters in the key. */
static double
hopfield_nominal_bits (const NcEngine *engine,
                       const NcParams *key,
                       guint64         n_pixels)
{
  const NcParamSchema *schema = nc_params_get_schema (key);
  double bits = 0.0;

  (void) engine;
  (void) n_pixels;
  for (guint i = 0; i < schema->n_specs; i++)
    {
      const NcParamSpec *spec = &schema->specs[i];

      if (spec->in_key && nc_params_is_active (key, i) && spec->max > spec->min)
        bits += log2 ((spec->max - spec->min) / spec->step);
    }
  return bits;
}

#define LYAPUNOV_STEPS 20000
#define LYAPUNOV_CHAOTIC 0.01

/* Built for both instruction sets, as the keystream's steps are: the
 * weak-key checks and sweeps run it a million times. */
NC_WIDE_VECTORS static void
step_lanes (gpointer      lanes,
            gconstpointer key)
{
  lanes_step (key, lanes);
}

/* The network as the keystream runs it (driven by its map), after the
 * burn-in, on lane 0 with lane 1 its shadow. */
NC_WIDE_VECTORS static void
measure (const HopfieldKey *k,
         Lanes             *s,
         NcChaos           *out)
{
  lanes_init (k, 0, s);
  for (guint n = 0; n < k->burn_in; n++)
    lanes_step (k, s);
  for (int i = 0; i < 3; i++)
    s->m[i][1] = s->m[i][0];
  nc_lanes_measure_chaos (s, &s->x[0][0], 3, step_lanes, k, k->h, LYAPUNOV_STEPS, out);
  out->what = _("the Hopfield network, driven by its map");
}

static void
hopfield_chaos (const NcEngine *engine,
                const NcParams *params,
                NcChaos        *out)
{
  HopfieldKey k;
  Lanes s;

  (void) engine;
  read_key (params, &k);
  measure (&k, &s, out);
}

static char *
hopfield_diagnose (const NcEngine *engine,
                   const NcParams *params)
{
  HopfieldKey k;
  Lanes s;
  NcChaos chaos;
  NcDouble4 x[3], dx[3], u = { 0 };
  double speed, lyapunov;

  (void) engine;
  read_key (params, &k);
  measure (&k, &s, &chaos);
  lyapunov = chaos.lyapunov;
  for (int i = 0; i < 3; i++)
    load4 (&x[i], s.x[i]);
  derivative (&k, x, &u, dx);
  speed = sqrt (dx[0][0] * dx[0][0] + dx[1][0] * dx[1][0] + dx[2][0] * dx[2][0]);
  if (speed < 1e-6 && k.eps_w == 0.0 && k.eps_u == 0.0)
    return g_strdup_printf (_("This key gives a fixed point: the network stops moving and "
                            "the keystream is constant (largest Lyapunov exponent %.3f)."),
                            lyapunov);
  if (lyapunov < LYAPUNOV_CHAOTIC)
    return g_strdup_printf (_("This key gives a periodic orbit, not chaos: the largest Lyapunov "
                            "exponent is about %.3f per unit time, below %.2f. The network "
                            "repeats itself or merely follows the perturbing map, so its "
                            "initial state hardly matters and the cipher is weak."),
                            lyapunov, LYAPUNOV_CHAOTIC);
  return NULL;
}

const NcEngine nc_engine_hopfield = {
  .id = "hopfield",
  .name = N_("Hopfield network"),
  .family = NC_FAMILY_CHAOTIC,
  .summary = N_("A chaotic three-neuron Hopfield network, perturbed by a chaotic map, "
             "drives a pixel permutation and a diffusion with ciphertext feedback."),
  .schema = { "hopfield", hopfield_params, G_N_ELEMENTS (hopfield_params) },
  .nominal_formula = N_("K = Π (max − min) / step over the key's initial states and parameters (eq. 1)"),
  .nominal_key_bits = hopfield_nominal_bits,
  .crypt = hopfield_crypt,
  .diagnose = hopfield_diagnose,
  .chaos = hopfield_chaos,
};
