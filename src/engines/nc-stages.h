/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The stages engines share (the review's Figure 1): a keyed pixel
 * permutation and a two-pass diffusion with ciphertext feedback, driven
 * by an engine's keystream; and the split-parallel keystream helper. */
#pragma once

#include <gio/gio.h>

#include "nc-core.h"
#include "nc-engine.h"
#include "nc-i18n.h"
#include "nc-math.h"

#include <string.h>

G_BEGIN_DECLS

/* The stage switches every engine offers, so a lecturer can show what
 * each stage contributes. Spread into an engine's spec array; the
 * defaults say whether the stages are on for a new key. */
#define NC_STAGE_PARAM_SPECS_WITH(permute_on, diffuse_on) \
  { "permute", N_("Permutation"), NC_PARAM_FLAG, 0, 1, 1, permute_on, "", \
    N_("Scramble pixel positions (row and column rotations); alone it keeps the histogram"), \
    FALSE, NULL, 0, FALSE, FALSE }, \
  { "diffuse", N_("Diffusion"), NC_PARAM_FLAG, 0, 1, 1, diffuse_on, "", \
    N_("Add the keystream with ciphertext feedback, forwards then backwards, so every " \
    "sample depends on every other"), FALSE, NULL, 0, FALSE, FALSE }, \
  { "rounds", N_("Rounds"), NC_PARAM_INT, 1, 8, 1, 1, "", \
    N_("How many times permutation and diffusion are applied"), FALSE, NULL, 0, FALSE, FALSE }
#define NC_STAGE_PARAM_SPECS NC_STAGE_PARAM_SPECS_WITH (1, 1)

/* The nonce switch every neural engine offers: a public random value,
 * drawn anew for every image and recorded in its ciphertext, mixed into
 * the keystream's initial conditions. Off by default: the published
 * schemes have none, and without it one chosen image can read the
 * keystream of every other. */
#define NC_NONCE_WORD(n, label) \
  { "nonce" #n, label, NC_PARAM_INT, 0, 4294967295.0, 1, 0, "", \
    N_("Public; drawn anew for every image while Fresh nonce is on (the ciphertext records it)"), \
    FALSE, NULL, 0, TRUE, FALSE }
#define NC_NONCE_PARAM_SPECS \
  { NC_PARAM_NONCE_ID, N_("Fresh nonce"), NC_PARAM_FLAG, 0, 1, 1, 0, "", \
    N_("Mix a public random value, drawn anew for every image, into the keystream's initial " \
    "conditions (the published schemes have none)"), FALSE, NULL, 0, FALSE, FALSE }, \
  NC_NONCE_WORD (0, N_("Nonce word 0")), \
  NC_NONCE_WORD (1, N_("Nonce word 1"))

/* An adaptive keystream for one row of the forward diffusion pass, made
 * from what came before: @previous_cipher_row is the ciphertext of the
 * row above (NULL for row 0). @reset starts a pass from the key. */
typedef struct {
  gpointer  context;
  void    (*reset) (gpointer context);
  void    (*row)   (gpointer      context,
                    guint         row,
                    const guint8 *previous_cipher_row,
                    guint8       *row_key);
} NcRowKeySource;

typedef struct {
  gboolean       permute;
  gboolean       diffuse;
  guint          rounds;
  guint          width;
  guint          height;
  guint          channels;
  gsize          n_samples;
  /* Filled by nc_pipeline_set_keystream(). */
  const guint8  *stream;
  guint32       *row_shift_a;
  guint32       *row_shift_b;
  guint32       *col_shift;
  guint8         sbox[256];
  guint8         iv[4];
  /* Optional: XORed over the keystream in the forward diffusion pass. */
  const NcRowKeySource *row_key;
} NcPipeline;

void      nc_pipeline_init             (NcPipeline     *pipeline,
                                        const NcParams *key,
                                        const NcImage  *image);
gsize     nc_pipeline_keystream_length (const NcPipeline *pipeline);
gsize     nc_pipeline_control_length   (const NcPipeline *pipeline);
void      nc_pipeline_set_keystream    (NcPipeline     *pipeline,
                                        const guint8   *keystream);
void      nc_pipeline_set_keystream_parts (NcPipeline   *pipeline,
                                        const guint8   *samples,
                                        const guint8   *control);
void      nc_pipeline_clear            (NcPipeline     *pipeline);
gboolean  nc_pipeline_run              (NcPipeline     *pipeline,
                                        const guint8   *keystream,
                                        const NcImage  *input,
                                        NcImage        *output,
                                        gboolean        decrypt,
                                        GCancellable   *cancellable,
                                        GError        **error);
gboolean  nc_pipeline_encrypt          (const NcPipeline *pipeline,
                                        const NcImage  *input,
                                        NcImage        *output,
                                        GCancellable   *cancellable,
                                        GError        **error);
gboolean  nc_pipeline_decrypt          (const NcPipeline *pipeline,
                                        const NcImage  *input,
                                        NcImage        *output,
                                        GCancellable   *cancellable,
                                        GError        **error);

/* Keystream lanes: independent trajectories run side by side. */
#define NC_LANES 8
#define NC_LANES_PER_THREAD 4

/* Fills the segments of NC_LANES_PER_THREAD lanes starting at @first_lane
 * (or, given as a fill_all, of all NC_LANES lanes from 0): segment i gets
 * lengths[i] bytes. Returns FALSE when cancelled. */
typedef gboolean (*NcLaneFill) (gconstpointer  context,
                                guint          first_lane,
                                guint8 * const *segments,
                                const gsize    *lengths,
                                GCancellable  *cancellable);

gboolean  nc_lanes_all_at_once         (void);

/* Writes one step of @width lanes at @pos of their segments, as far as
 * each one's length goes: for lane l, the low @per bytes (nc_chaos_bytes)
 * of each of the @dim state variables x[i × @width + l], in order. */
G_ALWAYS_INLINE static inline void
nc_lanes_write_step (const double    *x,
                     guint            width,
                     guint            dim,
                     guint            per,
                     guint8 * const  *segments,
                     const gsize     *lengths,
                     gsize            pos)
{
  for (guint l = 0; l < width; l++)
    {
      guint8 bytes[8 * 8];

      if (pos >= lengths[l])
        continue;
      for (guint i = 0; i < dim; i++)
        nc_chaos_bytes (x[i * width + l], bytes + per * i, per);
      memcpy (segments[l] + pos, bytes, MIN ((gsize) dim * per, lengths[l] - pos));
    }
}

guint8   *nc_keystream_new_from_lanes  (gconstpointer  context,
                                        gsize          context_size,
                                        NcLaneFill     fill,
                                        NcLaneFill     fill_all,
                                        gsize          length,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  nc_keystream_fill_lanes      (gconstpointer  context,
                                        NcLaneFill     fill,
                                        NcLaneFill     fill_all,
                                        guint8        *out,
                                        gsize          length,
                                        GCancellable  *cancellable,
                                        GError       **error);

typedef struct {
  guint64 hits;
  guint64 misses;
} NcKeystreamCacheStats;

NcKeystreamCacheStats nc_keystream_cache_get_stats (void);

/* Advances every lane of @lanes one step of the flow. */
typedef void (*NcLaneStep) (gpointer      lanes,
                            gconstpointer context);

void      nc_lanes_measure_chaos       (gpointer       lanes,
                                        double        *x,
                                        guint          dim,
                                        NcLaneStep     step,
                                        gconstpointer  context,
                                        double         h,
                                        guint          steps,
                                        NcChaos       *out);

/* One key's lanes in nc_lanes_measure_chaos_pairs(): @start steps of
 * burn-in, then the exponent over the steps after it. */
typedef struct {
  guint   start;
  double  lyapunov;   /* out: NAN for a flow that diverged */
  double  sum;
  gboolean done;
} NcChaosPair;

void      nc_lanes_measure_chaos_pairs (gpointer       lanes,
                                        double        *x,
                                        guint          width,
                                        guint          dim,
                                        NcLaneStep     step,
                                        gconstpointer  context,
                                        double         h,
                                        guint          steps,
                                        NcChaosPair   *pairs,
                                        guint          n_pairs,
                                        double        *final);

/* Counts the weak keys among @n_keys side by side in lanes. */
typedef guint (*NcWeakGroupFunc) (gconstpointer const *keys,
                                  guint                n_keys);

guint     nc_lanes_count_weak          (gconstpointer  keys,
                                        gsize          key_size,
                                        guint          n_keys,
                                        GCompareFunc   order,
                                        GEqualFunc     share_lanes,
                                        NcWeakGroupFunc count_group);

G_END_DECLS
