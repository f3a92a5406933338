/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Hopfield network's lanes at one width, included by
 * nc-engine-hopfield.c once for each width it builds, with LANES_WIDTH
 * (4 or 8), LANES_DOUBLE (the vector of that many doubles) and
 * LANES_TANH (nc_tanh() on it) defined. The names it defines end in the
 * width: Lanes4, lanes_step8, fill4 … The lanes go side by side as one
 * vector: each element gets the scalar code's operations in its order,
 * so a lane's bits are those of the lane computed alone, at any width. */

#define LANES_PASTE(name, width) name ## width
#define LANES_NAME(name, width) LANES_PASTE (name, width)
#define LN(name) LANES_NAME (name, LANES_WIDTH)

typedef struct {
  double x[3][LANES_WIDTH];
  double m[3][LANES_WIDTH];
} LN (Lanes);

G_STATIC_ASSERT (sizeof (LANES_DOUBLE) == LANES_WIDTH * sizeof (double));

/* Lanes start near the key's state, each a little apart; their low bits
 * part at once, their paths within a few hundred time units. */
static void
LN (lanes_init) (const HopfieldKey *k,
                 guint              first_lane,
                 LN (Lanes)        *s)
{
  static const double spread[3] = { 0.0137, -0.0091, 0.0053 };

  for (int l = 0; l < LANES_WIDTH; l++)
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
      next = 1.0 - k->henon_a * m0 * m0 + m1;
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
      m0 = k->mu * m0 * (1.0 - m0);
      LN (store) (s->m[0], &m0);
      *u = m0 - 0.5;
      break;
    }
}

G_ALWAYS_INLINE static inline void
LN (derivative) (const HopfieldKey  *k,
                 const LANES_DOUBLE  x[3],
                 const LANES_DOUBLE *u,
                 LANES_DOUBLE        dx[3])
{
  LANES_DOUBLE t[3] = { x[0], x[1], x[2] };
  LANES_DOUBLE pw = k->eps_w * *u;

  for (int i = 0; i < 3; i++)
    LANES_TANH (&t[i]);
  for (int i = 0; i < 3; i++)
    {
      LANES_DOUBLE input = k->eps_u * *u * (i == 1 ? -1.0 : 1.0);

      dx[i] = -x[i] + (k->w[3 * i] + pw) * t[0] + (k->w[3 * i + 1] + pw) * t[1]
              + (k->w[3 * i + 2] + pw) * t[2] + input;
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
  LN (derivative) (k, x, &u, k1);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + 0.5 * h * k1[i];
  LN (derivative) (k, tmp, &u, k2);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + 0.5 * h * k2[i];
  LN (derivative) (k, tmp, &u, k3);
  for (int i = 0; i < 3; i++)
    tmp[i] = x[i] + h * k3[i];
  LN (derivative) (k, tmp, &u, k4);
  for (int i = 0; i < 3; i++)
    {
      LANES_DOUBLE next = x[i] + (h / 6.0) * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);

      LN (store) (s->x[i], &next);
    }
}

/* The keystream of LANES_WIDTH lanes from @first_lane: nine bytes a
 * step from each, after the burn-in (an NcLaneFill's contract). */
G_ALWAYS_INLINE static inline gboolean
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

#undef LN
#undef LANES_NAME
#undef LANES_PASTE
