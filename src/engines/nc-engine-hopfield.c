/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chaotic neural network: a three-neuron Hopfield network
 * dx/dt = −x + W·tanh(x) (+ input), integrated with RK4, whose trajectory
 * gives the keystream for permutation and diffusion (the review's
 * Figure 1). A chaotic map perturbs it: the weights (weight perturbation),
 * an external input (input perturbation), or both with a choice of map
 * (hybrid). Eight trajectories run side by side: four per thread, or
 * all eight on one where the processor has AVX-512. */
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

G_STATIC_ASSERT (NC_LANES_PER_THREAD == 4 && NC_LANES == 8);

/* The lanes, four at a time (one AVX register, a thread's share) and
 * eight (one AVX-512 register, every lane on one thread). */
#define LANES_WIDTH 4
#define LANES_DOUBLE NcDouble4
#define LANES_TANH nc_tanh4
#define LANES_TARGET NC_WIDE_VECTORS
#include "nc-engine-hopfield-lanes.h"
#undef LANES_WIDTH
#undef LANES_DOUBLE
#undef LANES_TANH
#undef LANES_TARGET

#define LANES_WIDTH 8
#define LANES_DOUBLE NcDouble8
#define LANES_TANH nc_tanh8
#define LANES_TARGET NC_WIDEST_VECTORS
#include "nc-engine-hopfield-lanes.h"
#undef LANES_WIDTH
#undef LANES_DOUBLE
#undef LANES_TANH
#undef LANES_TARGET

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
  stream = nc_keystream_new_from_lanes (&key, sizeof key, fill4, fill8,
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

/* The network as the keystream runs it (driven by its map), after the
 * burn-in, on lane 0 with lane 1 its shadow. */
NC_WIDE_VECTORS static void
measure (const HopfieldKey *k,
         Lanes4            *s,
         NcChaos           *out)
{
  lanes_init4 (k, 0, s);
  for (guint n = 0; n < k->burn_in; n++)
    lanes_step4 (k, s);
  for (int i = 0; i < 3; i++)
    s->m[i][1] = s->m[i][0];
  nc_lanes_measure_chaos (s, &s->x[0][0], 3, step_lanes4, k, k->h, LYAPUNOV_STEPS, out);
  out->what = _("the Hopfield network, driven by its map");
}

static void
hopfield_chaos (const NcEngine *engine,
                const NcParams *params,
                NcChaos        *out)
{
  HopfieldKey k;
  Lanes4 s;

  (void) engine;
  read_key (params, &k);
  measure (&k, &s, out);
}

enum { STRONG, FIXED_POINT, PERIODIC };

/* What a key's measured exponent and its network's last state say: a
 * fixed point (the network stops, nothing perturbs it), a periodic orbit
 * (an exponent below LYAPUNOV_CHAOTIC), or chaos. */
static int
weakness (const HopfieldKey *k,
          double             lyapunov,
          const double       last[3])
{
  Lanes4 s;
  NcDouble4 x[3], dx[3], u = { 0 };
  double speed;

  lanes_init4 (k, 0, &s);
  for (int i = 0; i < 3; i++)
    for (int l = 0; l < 4; l++)
      x[i][l] = last[i];
  derivative4 (&s, x, &u, dx);
  speed = sqrt (dx[0][0] * dx[0][0] + dx[1][0] * dx[1][0] + dx[2][0] * dx[2][0]);
  if (speed < 1e-6 && k->eps_w == 0.0 && k->eps_u == 0.0)
    return FIXED_POINT;
  if (lyapunov < LYAPUNOV_CHAOTIC)
    return PERIODIC;
  return STRONG;
}

static char *
hopfield_diagnose (const NcEngine *engine,
                   const NcParams *params)
{
  HopfieldKey k;
  Lanes4 s;
  NcChaos chaos;
  double last[3];

  (void) engine;
  read_key (params, &k);
  measure (&k, &s, &chaos);
  for (int i = 0; i < 3; i++)
    last[i] = s.x[i][0];
  switch (weakness (&k, chaos.lyapunov, last))
    {
    case FIXED_POINT:
      return g_strdup_printf (_("This key gives a fixed point: the network stops moving and "
                              "the keystream is constant (largest Lyapunov exponent %.3f)."),
                              chaos.lyapunov);
    case PERIODIC:
      return g_strdup_printf (_("This key gives a periodic orbit, not chaos: the largest Lyapunov "
                              "exponent is about %.3f per unit time, below %.2f. The network "
                              "repeats itself or merely follows the perturbing map, so its "
                              "initial state hardly matters and the cipher is weak."),
                              chaos.lyapunov, LYAPUNOV_CHAOTIC);
    default:
      return NULL;
    }
}

/* Keys that share the map and the step, measured side by side: two to
 * an AVX vector, four to an AVX-512 one. */
static guint
count_weak_group (gconstpointer const *group,
                  guint                n_keys)
{
  const HopfieldKey * const *keys = (const HopfieldKey * const *) group;
  NcChaosPair pairs[4];
  double last[4 * 3];
  guint weak = 0;

  for (guint p = 0; p < n_keys; p++)
    pairs[p].start = keys[p]->burn_in;
  if (n_keys > 2)
    {
      Lanes8 s;

      lanes_init_pairs8 (keys, n_keys, &s);
      nc_lanes_measure_chaos_pairs (&s, &s.x[0][0], 8, 3, step_lanes8, keys[0], keys[0]->h,
                                    LYAPUNOV_STEPS, pairs, n_keys, last);
    }
  else
    {
      Lanes4 s;

      lanes_init_pairs4 (keys, n_keys, &s);
      nc_lanes_measure_chaos_pairs (&s, &s.x[0][0], 4, 3, step_lanes4, keys[0], keys[0]->h,
                                    LYAPUNOV_STEPS, pairs, n_keys, last);
    }
  for (guint p = 0; p < n_keys; p++)
    weak += weakness (keys[p], pairs[p].lyapunov, last + 3 * p) != STRONG;
  return weak;
}

static gboolean
share_lanes (gconstpointer a,
             gconstpointer b)
{
  const HopfieldKey *ka = a, *kb = b;

  return ka->source == kb->source && ka->h == kb->h;
}

static int
order_for_groups (gconstpointer a,
                  gconstpointer b)
{
  const HopfieldKey *ka = a, *kb = b;

  if (ka->source != kb->source)
    return ka->source < kb->source ? -1 : 1;
  if (ka->h != kb->h)
    return ka->h < kb->h ? -1 : 1;
  return ka->burn_in < kb->burn_in ? -1 : ka->burn_in > kb->burn_in;
}

/* hopfield_diagnose() on many keys, the same verdicts. */
static guint
hopfield_count_weak (const NcEngine         *engine,
                     const NcParams * const *params,
                     guint                   n_params)
{
  g_autofree HopfieldKey *keys = g_new0 (HopfieldKey, MAX (n_params, 1));

  (void) engine;
  for (guint i = 0; i < n_params; i++)
    read_key (params[i], &keys[i]);
  return nc_lanes_count_weak (keys, sizeof *keys, n_params, order_for_groups, share_lanes,
                              count_weak_group);
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
  .count_weak = hopfield_count_weak,
  .chaos = hopfield_chaos,
};
