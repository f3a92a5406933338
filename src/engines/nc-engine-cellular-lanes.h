/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hyperchaotic six-cell CNN's lanes at one width, included by
 * nc-engine-cellular.c once for each width it builds, with LANES_WIDTH
 * (4 or 8) and LANES_TARGET (the instruction sets its fill and step are
 * built for) defined. The names it defines end in the width: Lanes4,
 * lanes_step8, fill4 … The loops over the lanes become vector
 * operations; each lane gets the scalar code's operations in its order,
 * so its bits are those of the lane computed alone, at any width. */

#define LANES_PASTE(name, width) name ## width
#define LANES_NAME(name, width) LANES_PASTE (name, width)
#define LN(name) LANES_NAME (name, LANES_WIDTH)

typedef struct {
  double x[6][LANES_WIDTH];
} LN (Lanes);

/* Sets lane @l to key @k's start as its lane number @lane: each lane a
 * little apart from the key's state. */
static void
LN (lane_init) (const CellularKey *k,
                double             lane,
                int                l,
                LN (Lanes)        *s)
{
  static const double spread[6] = { 0.0137, -0.0091, 0.0053, 0.0071, -0.0029, 0.0113 };

  for (int i = 0; i < 6; i++)
    s->x[i][l] = k->x0[i] + spread[i] * lane;
}

/* Every lane from @k, numbered from @first_lane. */
static void
LN (lanes_init) (const CellularKey *k,
                 guint              first_lane,
                 LN (Lanes)        *s)
{
  for (int l = 0; l < LANES_WIDTH; l++)
    LN (lane_init) (k, (double) (first_lane + l), l, s);
}

/* Lanes 2p and 2p + 1 both start as lane 0 of @keys[p], for
 * nc_lanes_measure_chaos_pairs(); pairs past @n_keys repeat the last. */
static void
LN (lanes_init_pairs) (const CellularKey * const *keys,
                       guint                     n_keys,
                       LN (Lanes)               *s)
{
  for (int p = 0; p < LANES_WIDTH / 2; p++)
    {
      const CellularKey *k = keys[MIN ((guint) p, n_keys - 1)];

      LN (lane_init) (k, 0.0, 2 * p, s);
      LN (lane_init) (k, 0.0, 2 * p + 1, s);
    }
}

G_ALWAYS_INLINE static inline void
LN (derivative) (const double x[6][LANES_WIDTH],
                 double       d[6][LANES_WIDTH])
{
  for (int l = 0; l < LANES_WIDTH; l++)
    {
      double x4 = x[3][l];

      d[0][l] = -x[2][l] - 1.2 * x4;
      d[1][l] = 2.0 * x[1][l] + x[2][l];
      d[2][l] = 11.0 * x[0][l] - 12.0 * x[1][l];
      d[3][l] = 92.0 * x[0][l] - 95.0 * x4 + x[4][l] - x[5][l]
                + 202.0 * (fabs (x4 + 1.0) - fabs (x4 - 1.0));
      d[4][l] = 5.0 * x[2][l] - x[4][l];
      d[5][l] = 5.0 * x4 - 12.0 * x[5][l];
    }
}

G_ALWAYS_INLINE static inline void
LN (lanes_step) (LN (Lanes) *s,
                 double      h)
{
  double k1[6][LANES_WIDTH], k2[6][LANES_WIDTH], k3[6][LANES_WIDTH], k4[6][LANES_WIDTH];
  double tmp[6][LANES_WIDTH];

  LN (derivative) ((const double (*)[LANES_WIDTH]) s->x, k1);
  for (int i = 0; i < 6; i++)
    for (int l = 0; l < LANES_WIDTH; l++)
      tmp[i][l] = s->x[i][l] + 0.5 * h * k1[i][l];
  LN (derivative) ((const double (*)[LANES_WIDTH]) tmp, k2);
  for (int i = 0; i < 6; i++)
    for (int l = 0; l < LANES_WIDTH; l++)
      tmp[i][l] = s->x[i][l] + 0.5 * h * k2[i][l];
  LN (derivative) ((const double (*)[LANES_WIDTH]) tmp, k3);
  for (int i = 0; i < 6; i++)
    for (int l = 0; l < LANES_WIDTH; l++)
      tmp[i][l] = s->x[i][l] + h * k3[i][l];
  LN (derivative) ((const double (*)[LANES_WIDTH]) tmp, k4);
  for (int i = 0; i < 6; i++)
    for (int l = 0; l < LANES_WIDTH; l++)
      s->x[i][l] += (h / 6.0) * (k1[i][l] + 2.0 * k2[i][l] + 2.0 * k3[i][l] + k4[i][l]);
}

/* The keystream of LANES_WIDTH lanes from @first_lane: 24 bytes a step
 * from each, after the burn-in (an NcLaneFill's contract). */
LANES_TARGET static gboolean
LN (fill) (gconstpointer   context,
           guint           first_lane,
           guint8 * const *segments,
           const gsize    *lengths,
           GCancellable   *cancellable)
{
  enum { BYTES_PER_STEP = 24 };
  const CellularKey *k = context;
  gsize longest = 0;
  LN (Lanes) s;

  LN (lanes_init) (k, first_lane, &s);
  for (guint n = 0; n < k->burn_in; n++)
    LN (lanes_step) (&s, k->h);
  for (int l = 0; l < LANES_WIDTH; l++)
    longest = MAX (longest, lengths[l]);

  for (gsize pos = 0, n = 0; pos < longest; pos += BYTES_PER_STEP, n++)
    {
      if ((n & 8191) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
      LN (lanes_step) (&s, k->h);
      nc_lanes_write_step (&s.x[0][0], LANES_WIDTH, 6, 4, segments, lengths, pos);
    }
  return TRUE;
}

/* One step of every lane, as an NcLaneStep: the weak-key checks and the
 * sweeps run it a million times. */
LANES_TARGET static void
LN (step_lanes) (gpointer      lanes,
                 gconstpointer key)
{
  LN (lanes_step) (lanes, ((const CellularKey *) key)->h);
}

#undef LN
#undef LANES_NAME
#undef LANES_PASTE
