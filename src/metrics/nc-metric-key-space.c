/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The effective key space, measured: the size of a key's encoding is not
 * the number of keys that give different ciphers. A key bit counts when
 * flipping it changes the ciphertext of a probe image as much as a
 * random ciphertext would (NPCR at or above its critical value at
 * α = 10⁻⁴; a bit below it is tried again on a probe sixteen times as
 * large, whose samples carry a stream cipher's keystream further, and
 * counts zero only if it fails there too); a
 * parameter that only slides the keystream along counts nothing; the
 * share of keys the engine's weak-key check rejects lowers the total;
 * and the total never exceeds the review's nominal formula. */
#include "nc-metrics.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

/* The probes: fixed gray patterns of 64 × 64 and, to confirm a bit that
 * seems not to matter, 256 × 256 (NPCR critical values at α = 10⁻⁴:
 * 99.26 % and 99.52 %). */
#define PROBE_SIDE 64
#define CONFIRM_SIDE 256
#define PROBE_ALPHA 1e-4
/* Random keys drawn to estimate the share of weak keys. */
#define WEAK_DRAWS 48
#define WEAK_SEED 0x57454b

static NcImage *
probe_new (guint side)
{
  NcImage *probe = nc_image_new (side, side, 1, NULL);
  NcRng rng;

  nc_rng_init (&rng, 0x50524f42);
  for (gsize i = 0; i < nc_image_get_n_bytes (probe); i++)
    probe->data[i] = (guint8) ((i % side) * 3 + (i / side) + (nc_rng_next (&rng) >> 62));
  return probe;
}

typedef struct {
  NcImage *probe;
  NcImage *base;      /* its ciphertext under the key */
  NcImage *other;     /* room for one under a flipped key */
  double   npcr_critical;   /* for its size, at PROBE_ALPHA */
} Probe;

static void
probe_clear (Probe *probe)
{
  g_clear_pointer (&probe->probe, nc_image_unref);
  g_clear_pointer (&probe->base, nc_image_unref);
  g_clear_pointer (&probe->other, nc_image_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Probe, probe_clear)

static gboolean
probe_init (Probe           *probe,
            guint            side,
            const NcEngine  *engine,
            const NcParams  *key,
            GCancellable    *cancellable,
            GError         **error)
{
  NcDifferentialCritical critical;

  probe->probe = probe_new (side);
  nc_metric_differential_critical (nc_image_get_n_bytes (probe->probe), PROBE_ALPHA, &critical);
  probe->npcr_critical = critical.npcr_critical;
  probe->base = nc_image_new_like (probe->probe, error);
  probe->other = nc_image_new_like (probe->probe, error);
  return probe->base != NULL && probe->other != NULL &&
         nc_engine_encrypt (engine, key, probe->probe, probe->base, cancellable, error);
}

/* Whether @flipped changes the probe's ciphertext as much as a random
 * ciphertext would. */
static gboolean
probe_differs (Probe           *probe,
               const NcEngine  *engine,
               const NcParams  *flipped,
               gboolean        *differs,
               GCancellable    *cancellable,
               GError         **error)
{
  NcDifferential d;

  if (!nc_engine_encrypt (engine, flipped, probe->probe, probe->other, cancellable, error))
    return FALSE;
  nc_metric_differential (probe->base, probe->other, NC_ALL_CHANNELS, &d, NULL);
  *differs = d.npcr >= probe->npcr_critical;
  return TRUE;
}

/* Which of @key's bits change the probes' ciphertexts. */
static gboolean
probe_bits (const NcEngine  *engine,
            const NcParams  *key,
            Probe           *first,
            Probe           *second,
            NcKeySpace      *out,
            GCancellable    *cancellable,
            GError         **error)
{
  guint bits = nc_params_get_key_bits (key);

  if (!probe_init (first, PROBE_SIDE, engine, key, cancellable, error))
    return FALSE;
  out->npcr_critical = first->npcr_critical;
  for (guint bit = 0; bit < bits; bit++)
    {
      g_autoptr(NcParams) flipped = nc_params_copy (key);
      guint index, bit_in_param;
      gboolean differs;

      if (!nc_params_locate_key_bit (key, bit, &index, &bit_in_param, error) ||
          !nc_params_flip_key_bit (flipped, bit, error) ||
          !probe_differs (first, engine, flipped, &differs, cancellable, error))
        return FALSE;
      if (!differs && second->probe == NULL &&
          !probe_init (second, CONFIRM_SIDE, engine, key, cancellable, error))
        return FALSE;
      if (!differs && !probe_differs (second, engine, flipped, &differs, cancellable, error))
        return FALSE;
      for (guint p = 0; p < out->n_params; p++)
        if (out->params[p].index == index && differs)
          out->params[p].bits_that_matter++;
    }
  return TRUE;
}

static gboolean
count_bits_that_matter (const NcEngine  *engine,
                        const NcParams  *key,
                        NcKeySpace      *out,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_auto(Probe) first = { 0 };
  g_auto(Probe) second = { 0 };
  NcKeystreamCache before;
  gboolean ok;

  /* Each flipped key is tried once: keeping its keystream would only
   * push out the ones worth keeping. */
  before = nc_engine_set_keystream_cache (NC_KEYSTREAM_CACHE_OFF);
  ok = probe_bits (engine, key, &first, &second, out, cancellable, error);
  nc_engine_set_keystream_cache (before);
  return ok;
}

/* The weak share depends on the engine and the public settings only
 * (the key is drawn anew from a fixed seed): the last few are kept, so
 * that the full analysis after a key slider moved, a lesson's next step
 * or a second comparison does not integrate 48 networks again. */
#define WEAK_CACHE_ENTRIES 8
#define WEAK_CACHE_MAX_SPECS 96

typedef struct {
  const NcEngine *engine;
  gconstpointer   network;
  guint           n_specs;
  guint64         levels[WEAK_CACHE_MAX_SPECS];   /* what the drawn keys keep, the rest 0 */
  double          share;
  guint64         used;
} WeakEntry;

static GMutex weak_lock;
static WeakEntry weak_cache[WEAK_CACHE_ENTRIES];
static guint64 weak_clock;

/* Fills @entry's key from @key; FALSE when it has too many parameters to
 * be kept. */
static gboolean
weak_entry_key (const NcEngine *engine,
                const NcParams *key,
                WeakEntry      *entry)
{
  const NcParamSchema *schema = nc_params_get_schema (key);

  if (schema->n_specs > WEAK_CACHE_MAX_SPECS)
    return FALSE;
  memset (entry, 0, sizeof *entry);
  entry->engine = engine;
  entry->network = nc_params_get_network (key);
  entry->n_specs = schema->n_specs;
  /* What the drawn keys keep: the public values, and the key's values of
   * parameters its variant does not use (nc_params_randomize_key draws
   * the active key parameters only). */
  for (guint i = 0; i < schema->n_specs; i++)
    if (!schema->specs[i].in_key || !nc_params_is_active (key, i))
      entry->levels[i] = nc_params_get_level (key, i);
  return TRUE;
}

static gboolean
weak_entry_same (const WeakEntry *a,
                 const WeakEntry *b)
{
  return a->engine != NULL && a->engine == b->engine && a->network == b->network &&
         a->n_specs == b->n_specs && memcmp (a->levels, b->levels, sizeof a->levels) == 0;
}

/**
 * nc_key_space_forget_weak_shares:
 *
 * Forgets the weak shares kept for public settings measured before: for
 * the tests, which compare a kept share with one measured afresh.
 */
void
nc_key_space_forget_weak_shares (void)
{
  g_mutex_lock (&weak_lock);
  memset (weak_cache, 0, sizeof weak_cache);
  g_mutex_unlock (&weak_lock);
}

/* The share of random keys (public settings kept) the engine's weak-key
 * check rejects, from a fixed-seed sample. */
static void
estimate_weak_share (const NcEngine *engine,
                     const NcParams *key,
                     NcKeySpace     *out)
{
  guint weak = 0;
  NcRng rng;
  WeakEntry entry;
  gboolean keep;
  NcParams *drawn[WEAK_DRAWS];

  out->weak_draws = 0;
  out->weak_share = 0.0;
  if (engine->diagnose == NULL)
    return;
  keep = weak_entry_key (engine, key, &entry);
  if (keep)
    {
      gboolean found = FALSE;

      g_mutex_lock (&weak_lock);
      for (guint i = 0; i < WEAK_CACHE_ENTRIES && !found; i++)
        if (weak_entry_same (&weak_cache[i], &entry))
          {
            weak_cache[i].used = ++weak_clock;
            out->weak_share = weak_cache[i].share;
            found = TRUE;
          }
      g_mutex_unlock (&weak_lock);
      if (found)
        {
          out->weak_draws = WEAK_DRAWS;
          return;
        }
    }
  nc_rng_init (&rng, WEAK_SEED);
  for (guint i = 0; i < WEAK_DRAWS; i++)
    {
      drawn[i] = nc_params_copy (key);
      nc_params_randomize_key (drawn[i], &rng);
    }
  weak = nc_engine_count_weak (engine, (const NcParams * const *) drawn, WEAK_DRAWS);
  for (guint i = 0; i < WEAK_DRAWS; i++)
    nc_params_free (drawn[i]);
  out->weak_draws = WEAK_DRAWS;
  out->weak_share = (double) weak / WEAK_DRAWS;
  if (keep)
    {
      WeakEntry *victim = &weak_cache[0];

      g_mutex_lock (&weak_lock);
      for (guint i = 1; i < WEAK_CACHE_ENTRIES; i++)
        if (weak_cache[i].used < victim->used)
          victim = &weak_cache[i];
      *victim = entry;
      victim->share = out->weak_share;
      victim->used = ++weak_clock;
      g_mutex_unlock (&weak_lock);
    }
}

/**
 * nc_metric_key_space:
 * @engine: the engine
 * @key: a key: its structure (variant, stages) is what is measured
 * @out: (out): the breakdown; clear with nc_key_space_clear()
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Each active key parameter of L levels, b = ⌈log2 L⌉ bits, of which c
 * change the ciphertext, counts max(0, log2 L − (b − c)) bits, and none
 * when it only slides the keystream; the total adds log2 (1 − w) for a
 * share w of weak keys and is capped by the nominal key space (eq. 1–4)
 * and by the state that carries the key, where the engine names one.
 */
gboolean
nc_metric_key_space (const NcEngine  *engine,
                     const NcParams  *key,
                     NcKeySpace      *out,
                     GCancellable    *cancellable,
                     GError         **error)
{
  const NcParamSchema *schema = nc_params_get_schema (key);
  double sum = 0.0;

  memset (out, 0, sizeof *out);
  out->nominal_bits = nc_engine_get_nominal_key_bits (engine, key, 0);
  out->encoding_bits = nc_params_get_key_space_bits (key);
  out->params = g_new0 (NcKeyParamSpace, MAX (schema->n_specs, 1));
  for (guint i = 0; i < schema->n_specs; i++)
    if (schema->specs[i].in_key && nc_params_is_active (key, i))
      {
        NcKeyParamSpace *p = &out->params[out->n_params++];

        p->index = i;
        p->id = schema->specs[i].id;
        p->bits = nc_param_spec_bits (&schema->specs[i]);
        p->encoding_bits = log2 ((double) nc_param_spec_levels (&schema->specs[i]));
        p->slide = schema->specs[i].slide;
      }
  if (!count_bits_that_matter (engine, key, out, cancellable, error))
    return FALSE;
  for (guint p = 0; p < out->n_params; p++)
    {
      NcKeyParamSpace *param = &out->params[p];

      param->effective_bits = param->slide ? 0.0
        : MAX (0.0, param->encoding_bits - (double) (param->bits - param->bits_that_matter));
      sum += param->effective_bits;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  estimate_weak_share (engine, key, out);
  out->uncapped_bits = out->weak_share < 1.0 ? sum + log2 (1.0 - out->weak_share) : 0.0;
  out->effective_bits = MAX (0.0, MIN (out->nominal_bits, out->uncapped_bits));
  if (engine->key_state_bits != NULL)
    {
      out->state_bits = engine->key_state_bits (engine, key, &out->state_what);
      if (out->state_bits > 0)
        out->effective_bits = MIN (out->effective_bits, out->state_bits);
    }
  return TRUE;
}

void
nc_key_space_clear (NcKeySpace *space)
{
  g_clear_pointer (&space->params, g_free);
  space->n_params = 0;
}

/* Returns: (transfer full): one line, "effective 2^x measured: …" */
char *
nc_key_space_describe (const NcKeySpace *space)
{
  GString *out = g_string_new (NULL);
  guint bits = 0, matter = 0;

  for (guint p = 0; p < space->n_params; p++)
    {
      bits += space->params[p].bits;
      matter += space->params[p].slide ? 0 : space->params[p].bits_that_matter;
    }
  g_string_append_printf (out, _("effective 2^%.1f measured: %u of %u key bits change the ciphertext "
                          "as a random one would"), space->effective_bits, matter, bits);
  if (space->weak_draws > 0)
    g_string_append_printf (out, _("; %.0f %% of random keys weak"), 100.0 * space->weak_share);
  if (space->uncapped_bits > space->nominal_bits)
    g_string_append (out, _("; capped at the nominal"));
  if (space->state_bits > 0 && space->state_bits < MIN (space->uncapped_bits, space->nominal_bits))
    g_string_append_printf (out, _("; capped at %.0f bits: %s"), space->state_bits, space->state_what);
  return g_string_free (out, FALSE);
}

/* Returns: (transfer full): a line per key parameter */
char *
nc_key_space_describe_params (const NcKeySpace *space)
{
  GString *out = g_string_new (NULL);

  for (guint p = 0; p < space->n_params; p++)
    {
      const NcKeyParamSpace *param = &space->params[p];

      g_string_append_printf (out, _("%s%-12s %5.1f of %5.1f bits (%u of %u bits change it fully)%s"),
                              p ? "\n" : "",
                              param->id, param->effective_bits, param->encoding_bits,
                              param->bits_that_matter, param->bits,
                              param->slide ? _(", slides the keystream: counts nothing") : "");
    }
  return g_string_free (out, FALSE);
}
