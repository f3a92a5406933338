/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Hopfield network's lanes at one width, included by
 * nc-engine-hopfield.c once for each width it builds, with LANES_WIDTH
 * (4 or 8), LANES_DOUBLE (the vector of that many doubles), LANES_TANH
 * (nc_tanh() on it) and LANES_TARGET (the instruction sets its fill and
 * step are built for) defined. The names it defines end in the
 * width: Lanes4, lanes_step8, fill4 … The lanes go side by side as one
 * vector: each element gets the scalar code's operations in its order,
 * so a lane's bits are those of the lane computed alone, at any width. */

#define LANES_PASTE(name, width) name ## width
#define LANES_NAME(name, width) LANES_PASTE (name, width)
#define LN(name) LANES_NAME (name, LANES_WIDTH)

/* The lanes' states and each lane's key parameters: one key in every
 * lane for a keystream, several keys side by side for the weak-key
 * checks (the map, the step and the burn-in shared). */
typedef struct {
  double       x[3][LANES_WIDTH];
  double       m[3][LANES_WIDTH];
  LANES_DOUBLE w[9];
  LANES_DOUBLE eps_w, eps_u, mu, henon_a;
} LN (Lanes);

G_STATIC_ASSERT (sizeof (LANES_DOUBLE) == LANES_WIDTH * sizeof (double));

/* Sets lane @l to key @k's start as its lane number @lane: lanes start
 * near the key's state, each a little apart; their low bits part at
 * once, their paths within a few hundred time units. */
static void
LN (lane_init) (const HopfieldKey *k,
                double             lane,
                int                l,
                LN (Lanes)        *s)
{
  static const double spread[3] = { 0.0137, -0.0091, 0.0053 };
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
  for (int i = 0; i < 9; i++)
    s->w[i][l] = k->w[i];
  s->eps_w[l] = k->eps_w;
  s->eps_u[l] = k->eps_u;
  s->mu[l] = k->mu;
  s->henon_a[l] = k->henon_a;
}

/* Every lane from @k, numbered from @first_lane. */
static void
LN (lanes_init) (const HopfieldKey *k,
                 guint              first_lane,
                 LN (Lanes)        *s)
{
  for (int l = 0; l < LANES_WIDTH; l++)
    LN (lane_init) (k, first_lane + l, l, s);
}

/* Lanes 2p and 2p + 1 both start as lane 0 of @keys[p], for
 * nc_lanes_measure_chaos_pairs(); pairs past @n_keys repeat the last. */
static void
LN (lanes_init_pairs) (const HopfieldKey * const *keys,
                       guint                     n_keys,
                       LN (Lanes)               *s)
{
  for (int p = 0; p < LANES_WIDTH / 2; p++)
    {
      const HopfieldKey *k = keys[MIN ((guint) p, n_keys - 1)];

      LN (lane_init) (k, 0.0, 2 * p, s);
      LN (lane_init) (k, 0.0, 2 * p + 1, s);
    }
}

/* Vectors pass by pointer: by value they differ between the builds for
 * each instruction set. */
G_ALWAYS_INLINE static inline void
LN (load) (LANES_DOUBLE *r,
           const double  v[LANES_WIDTH])
{
  memcpy (r, v, sizeof *r);
}

G_ALWAYS_INLINE static inline void
LN (store) (double              v[LANES_WIDTH],
            const LANES_DOUBLE *r)
{
  memcpy (v, r, sizeof *r);
}

/* Advances the perturbing map once and returns its signal in about
 * [−½, ½]. */
G_ALWAYS_INLINE static inline void
LN (driver_step) (const HopfieldKey *k,
                  LN (Lanes)        *s,
                  LANES_DOUBLE      *u)
{
  LANES_DOUBLE m0, m1, m2, next;

  LN (load) (&m0, s->m[0]);
  LN (load) (&m1, s->m[1]);
  LN (load) (&m2, s->m[2]);
  switch (k->source)
    {
    case SOURCE_HENON:
      next = 1.0 - s->henon_a * m0 * m0 + m1;
      m1 = 0.3 * m0;
      LN (store) (s->m[1], &m1);
      LN (store) (s->m[0], &next);
      *u = next / 3.0;
      break;
    case SOURCE_LORENZ:
      {
        LANES_DOUBLE y = m1 + k->h * (m0 * (28.0 - m2) - m1);
        LANES_DOUBLE z = m2 + k->h * (m0 * m1 - (8.0 / 3.0) * m2);

        next = m0 + k->h * (10.0 * (m1 - m0));
        LN (store) (s->m[0], &next);
        LN (store) (s->m[1], &y);
        LN (store) (s->m[2], &z);
        *u = next / 40.0;
        break;
      }
    case SOURCE_LOGISTIC:
    default:
      m0 = s->mu * m0 * (1.0 - m0);
      LN (store) (s->m[0], &m0);
      *u = m0 - 0.5;
      break;
    }
}

G_ALWAYS_INLINE static inline void
LN (derivative) (const LN (Lanes)   *s,
                 const LANES_DOUBLE  x[3],
                 const LANES_DOUBLE *u,
                 LANES_DOUBLE        dx[3])
{
  LANES_DOUBLE t[3] = { x[0], x[1], x[2] };
  LANES_DOUBLE pw = s->eps_w * *u;

  for (int i = 0; i < 3; i++)
    LANES_TANH (&t[i]);
  for (int i = 0; i < 3; i++)
    {
      LANES_DOUBLE input = s->eps_u * *u * (i == 1 ? -1.0 : 1.0);

      dx[i] = -x[i] + (s->w[3 * i] + pw) * t[0] + (s->w[3 * i + 1] + pw) * t[1]
              + (s->w[3 * i + 2] + pw) * t[2] + input;
    }
}

/* One RK4 step of every lane, the map's signal held over the step. */
G_ALWAYS_INLINE static inline void
LN (lanes_step) (const HopfieldKey *k,
                 LN (Lanes)        *s)
{
  LANES_DOUBLE x[3], k1[3], k2[3], k3[3], k4[3], tmp[3], u;
  double h = k->h;

  for (int i = 0; i < 3; i++)
    LN (load) (&x[i], s->x[i]);
  LN (driver_step) (k, s, &u);
  LN (derivative) (s, x, &u, k1);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + 0.5 * h * k1[i];
  LN (derivative) (s, tmp, &u, k2);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + 0.5 * h * k2[i];
  LN (derivative) (s, tmp, &u, k3);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + h * k3[i];
  LN (derivative) (s, tmp, &u, k4);
  for (int i = 0; i < 3; i++)
    {
      LANES_DOUBLE next = x[i] + (h / 6.0) * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);

      LN (store) (s->x[i], &next);
    }
}

/* The keystream of LANES_WIDTH lanes from @first_lane: nine bytes a
 * step from each, after the burn-in (an NcLaneFill's contract). */
LANES_TARGET static gboolean
LN (fill) (gconstpointer   context,
           guint           first_lane,
           guint8 * const *segments,
           const gsize    *lengths,
           GCancellable   *cancellable)
{
  enum { BYTES_PER_STEP = 9 };
  const HopfieldKey *k = context;
  gsize longest = 0;
  LN (Lanes) s;

  LN (lanes_init) (k, first_lane, &s);
  for (guint n = 0; n < k->burn_in; n++)
    LN (lanes_step) (k, &s);

  for (int l = 0; l < LANES_WIDTH; l++)
    longest = MAX (longest, lengths[l]);

  for (gsize pos = 0, n = 0; pos < longest; pos += BYTES_PER_STEP, n++)
    {
      if ((n & 8191) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      LN (lanes_step) (k, &s);
      nc_lanes_write_step (&s.x[0][0], LANES_WIDTH, 3, 3, segments, lengths, pos);
    }
  return TRUE;
}

/* One step of every lane, as an NcLaneStep: the weak-key checks and the
 * sweeps run it a million times. */
LANES_TARGET static void
LN (step_lanes) (gpointer      lanes,
                 gconstpointer key)
{
  LN (lanes_step) (key, lanes);
}

#undef LN
#undef LANES_NAME
#undef LANES_PASTE
