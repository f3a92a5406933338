/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-params.h"
#include "nc-i18n.h"

#include <math.h>
#include <string.h>

#include <sodium.h>

#include "nc-error.h"
#include "nc-rng.h"

struct _NcParams {
  const NcParamSchema *schema;
  guint64             *levels;
  /* What the cipher runs besides the key (nc_params_set_network()). */
  gpointer             network;
  GBoxedCopyFunc       network_ref;
  GDestroyNotify       network_unref;
};

/* The levels are the key: kept in memory that core dumps leave out and
 * that is wiped when freed (libsodium's guarded allocations). Each such
 * allocation maps, locks and protects pages of its own; the analyses
 * copy a key for every bit they flip, so a freed block, wiped, is kept
 * for the next key of its size instead of being unmapped (which stops
 * every thread to flush its page tables). */
#define N_SPARE_LEVELS 32

static GMutex spare_lock;
static struct {
  guint    n;
  guint64 *levels;
} spare[N_SPARE_LEVELS];
static guint n_spare;

static guint64 *
levels_new (guint n)
{
  guint64 *levels = NULL;

  n = MAX (n, 1);
  g_mutex_lock (&spare_lock);
  for (guint i = 0; i < n_spare; i++)
    if (spare[i].n == n)
      {
        levels = spare[i].levels;
        spare[i] = spare[--n_spare];
        break;
      }
  g_mutex_unlock (&spare_lock);
  if (levels != NULL)
    return levels;   /* wiped when it was freed */

  nc_crypto_init ();
  levels = sodium_malloc (sizeof (guint64) * n);
  if (levels == NULL)
    g_error ("out of memory for a key");
  memset (levels, 0, sizeof (guint64) * n);
  return levels;
}

static void
levels_free (guint64 *levels,
             guint    n)
{
  n = MAX (n, 1);
  sodium_memzero (levels, sizeof (guint64) * n);
  g_mutex_lock (&spare_lock);
  if (n_spare < N_SPARE_LEVELS)
    {
      spare[n_spare].n = n;
      spare[n_spare++].levels = g_steal_pointer (&levels);
    }
  g_mutex_unlock (&spare_lock);
  if (levels != NULL)
    sodium_free (levels);
}

/**
 * nc_params_new:
 * @schema: the parameters' specs; must outlive the result
 *
 * Returns: (transfer full): every parameter at its default
 */
NcParams *
nc_params_new (const NcParamSchema *schema)
{
  NcParams *params = g_new0 (NcParams, 1);

  params->schema = schema;
  params->levels = levels_new (schema->n_specs);
  for (guint i = 0; i < schema->n_specs; i++)
    params->levels[i] = nc_param_spec_default_level (&schema->specs[i]);
  return params;
}

NcParams *
nc_params_copy (const NcParams *params)
{
  NcParams *copy = g_new0 (NcParams, 1);

  copy->schema = params->schema;
  copy->levels = levels_new (params->schema->n_specs);
  memcpy (copy->levels, params->levels, sizeof (guint64) * params->schema->n_specs);
  if (params->network != NULL)
    nc_params_set_network (copy, params->network, params->network_ref, params->network_unref);
  return copy;
}

void
nc_params_free (NcParams *params)
{
  if (params == NULL)
    return;
  nc_params_set_network (params, NULL, NULL, NULL);
  levels_free (params->levels, params->schema->n_specs);
  g_free (params);
}

/**
 * nc_params_set_network:
 * @params: a key
 * @network: (nullable): the trained network the engine is to run with
 *   this key (the adversarial engine's generator weights); %NULL for
 *   the engine's own default
 * @ref: takes a reference to @network
 * @unref: drops one
 *
 * A network is public, shared and never changed once made: copies of
 * @params share it. It travels with the key, so two windows, tests or
 * threads encrypting with different networks never see each other's.
 */
void
nc_params_set_network (NcParams       *params,
                       gpointer        network,
                       GBoxedCopyFunc  ref,
                       GDestroyNotify  unref)
{
  gpointer old = params->network;
  GDestroyNotify old_unref = params->network_unref;

  params->network = network != NULL ? ref (network) : NULL;
  params->network_ref = network != NULL ? ref : NULL;
  params->network_unref = network != NULL ? unref : NULL;
  if (old != NULL)
    old_unref (old);
}

/* Returns: (transfer none) (nullable): the network set on @params */
gpointer
nc_params_get_network (const NcParams *params)
{
  return params->network;
}

gboolean
nc_params_equal (const NcParams *a,
                 const NcParams *b)
{
  return a->schema == b->schema && a->network == b->network &&
         memcmp (a->levels, b->levels, sizeof (guint64) * a->schema->n_specs) == 0;
}

const NcParamSchema *
nc_params_get_schema (const NcParams *params)
{
  return params->schema;
}

/* Returns: the index of parameter @id, or -1. */
int
nc_params_find (const NcParams *params,
                const char     *id)
{
  for (guint i = 0; i < params->schema->n_specs; i++)
    if (g_strcmp0 (params->schema->specs[i].id, id) == 0)
      return (int) i;
  return -1;
}

guint64
nc_params_get_level (const NcParams *params,
                     guint           index)
{
  g_return_val_if_fail (index < params->schema->n_specs, 0);
  return params->levels[index];
}

gboolean
nc_params_set_level (NcParams  *params,
                     guint      index,
                     guint64    level,
                     GError   **error)
{
  const NcParamSpec *spec;

  g_return_val_if_fail (index < params->schema->n_specs, FALSE);
  spec = &params->schema->specs[index];
  if (level >= nc_param_spec_levels (spec))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("%s has %llu levels; level %llu does not exist"), spec->id,
                   (unsigned long long) nc_param_spec_levels (spec), (unsigned long long) level);
      return FALSE;
    }
  params->levels[index] = level;
  return TRUE;
}

double
nc_params_get_value (const NcParams *params,
                     guint           index)
{
  g_return_val_if_fail (index < params->schema->n_specs, 0.0);
  return nc_param_spec_value_at (&params->schema->specs[index], params->levels[index]);
}

/* For engines, which know their own ids: an unknown id is a programming
 * error, not bad input. */
double
nc_params_get (const NcParams *params,
               const char     *id)
{
  int index = nc_params_find (params, id);

  g_return_val_if_fail (index >= 0, 0.0);
  return nc_params_get_value (params, (guint) index);
}

gboolean
nc_params_set (NcParams    *params,
               const char  *id,
               double       value,
               GError     **error)
{
  int index = nc_params_find (params, id);
  guint64 level;

  if (index < 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND,
                   _("%s has no parameter “%s”"), params->schema->owner, id);
      return FALSE;
    }
  if (!nc_param_spec_level_of (&params->schema->specs[index], value, &level, error))
    return FALSE;
  params->levels[index] = level;
  return TRUE;
}

/**
 * nc_params_set_from_string:
 * @params: parameters
 * @assignment: "id=value", as given to `--set`
 * @error: return location for an error
 */
gboolean
nc_params_set_from_string (NcParams    *params,
                           const char  *assignment,
                           GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (assignment, "=", 2);
  g_autofree char *id = NULL;
  guint64 level;
  int index;

  if (parts[0] == NULL || parts[1] == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("“%s” is not of the form id=value"), assignment);
      return FALSE;
    }
  id = g_strstrip (g_strdup (parts[0]));
  index = nc_params_find (params, id);
  if (index < 0)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND,
                   _("%s has no parameter “%s”"), params->schema->owner, id);
      return FALSE;
    }
  if (!nc_param_spec_parse (&params->schema->specs[index], parts[1], &level, error))
    return FALSE;
  params->levels[index] = level;
  return TRUE;
}

char *
nc_params_format (const NcParams *params,
                  guint           index)
{
  g_return_val_if_fail (index < params->schema->n_specs, NULL);
  return nc_param_spec_format_level (&params->schema->specs[index], params->levels[index]);
}

/* Returns: the selected variant, 0 for an engine without variants. */
guint
nc_params_get_variant (const NcParams *params)
{
  int index = nc_params_find (params, NC_PARAM_VARIANT_ID);

  return index < 0 ? 0 : (guint) params->levels[index];
}

/* Returns: whether the parameter at @index applies to the selected variant. */
gboolean
nc_params_is_active (const NcParams *params,
                     guint           index)
{
  g_return_val_if_fail (index < params->schema->n_specs, FALSE);
  return nc_param_spec_applies_to (&params->schema->specs[index],
                                   nc_params_get_variant (params));
}

static gboolean
is_active_key (const NcParams *params,
               guint           index)
{
  return params->schema->specs[index].in_key && nc_params_is_active (params, index);
}

/**
 * nc_params_randomize_key:
 * @params: parameters
 * @rng: (nullable): a seeded generator, or %NULL for the system's secure one
 *
 * Draws every active key parameter uniformly over its levels; public
 * parameters keep their values.
 */
void
nc_params_randomize_key (NcParams *params,
                         NcRng    *rng)
{
  for (guint i = 0; i < params->schema->n_specs; i++)
    {
      guint64 levels;

      if (!is_active_key (params, i))
        continue;
      levels = nc_param_spec_levels (&params->schema->specs[i]);
      params->levels[i] = rng != NULL ? nc_rng_below (rng, levels)
                                      : nc_random_secure_below (levels);
    }
}

/* Returns: whether @params draws its fresh parameters (a nonce) anew for
 * every encryption: it has a "nonce" switch, and the switch is on */
gboolean
nc_params_uses_nonce (const NcParams *params)
{
  int index = nc_params_find (params, NC_PARAM_NONCE_ID);

  return index >= 0 && params->levels[index] != 0;
}

/**
 * nc_params_get_nonce:
 * @params: a key
 * @out: (out): a 64-bit mix of the fresh parameters' values
 *
 * Returns: whether the key's nonce switch is on (@out set only then)
 */
gboolean
nc_params_get_nonce (const NcParams *params,
                     guint64        *out)
{
  guint64 mix = G_GUINT64_CONSTANT (0x6e6f6e6365);

  if (!nc_params_uses_nonce (params))
    return FALSE;
  for (guint i = 0; i < params->schema->n_specs; i++)
    if (params->schema->specs[i].fresh)
      mix = nc_mix64 (mix ^ (params->levels[i] + (guint64) (i + 1) * NC_GOLDEN_GAMMA));
  *out = mix;
  return TRUE;
}

/* Returns: a small offset in [−@scale, @scale], the same for the same
 * nonce and @salt, to move an initial condition by */
double
nc_nonce_offset (guint64 nonce,
                 guint   salt,
                 double  scale)
{
  guint64 bits = nc_mix64 (nonce ^ ((guint64) (salt + 1) * NC_GOLDEN_GAMMA));

  return ((double) (bits >> 11) * (1.0 / 9007199254740992.0) * 2.0 - 1.0) * scale;
}

/**
 * nc_params_draw_nonce:
 * @params: a key
 * @rng: (nullable): a seeded generator (tests), or %NULL for the secure one
 *
 * Draws every fresh parameter (the nonce) anew, when the key's "nonce"
 * switch is on; call it before each encryption whose ciphertext leaves
 * the program.
 */
void
nc_params_draw_nonce (NcParams *params,
                      NcRng    *rng)
{
  if (!nc_params_uses_nonce (params))
    return;
  for (guint i = 0; i < params->schema->n_specs; i++)
    {
      guint64 levels = nc_param_spec_levels (&params->schema->specs[i]);

      if (params->schema->specs[i].fresh && nc_params_is_active (params, i))
        params->levels[i] = rng != NULL ? nc_rng_below (rng, levels) : nc_random_secure_below (levels);
    }
}

/* Returns: the length of the key's bit string: Σ ceil(log2 L) over the
 * active key parameters. */
guint
nc_params_get_key_bits (const NcParams *params)
{
  guint bits = 0;

  for (guint i = 0; i < params->schema->n_specs; i++)
    if (is_active_key (params, i))
      bits += nc_param_spec_bits (&params->schema->specs[i]);
  return bits;
}

/* Returns: log2 of the number of distinct keys, Σ log2 L over the active
 * key parameters. */
double
nc_params_get_key_space_bits (const NcParams *params)
{
  double bits = 0.0;

  for (guint i = 0; i < params->schema->n_specs; i++)
    if (is_active_key (params, i))
      bits += log2 ((double) nc_param_spec_levels (&params->schema->specs[i]));
  return bits;
}

/**
 * nc_params_locate_key_bit:
 * @params: parameters
 * @bit: a position in the key's bit string
 * @out_index: (out): the parameter holding it
 * @out_bit: (out): its place in that parameter's level, 0 = least significant
 * @error: return location for an error
 *
 * Key bits are numbered from the first active key parameter's least
 * significant bit upwards, parameter after parameter in spec order.
 */
gboolean
nc_params_locate_key_bit (const NcParams *params,
                          guint           bit,
                          guint          *out_index,
                          guint          *out_bit,
                          GError        **error)
{
  guint offset = 0;

  for (guint i = 0; i < params->schema->n_specs; i++)
    {
      guint bits;

      if (!is_active_key (params, i))
        continue;
      bits = nc_param_spec_bits (&params->schema->specs[i]);
      if (bit < offset + bits)
        {
          *out_index = i;
          *out_bit = bit - offset;
          return TRUE;
        }
      offset += bits;
    }
  g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
               _("key bit %u does not exist: the key has %u bits"), bit, offset);
  return FALSE;
}

/**
 * nc_params_flip_key_bit:
 * @params: parameters
 * @bit: a position in the key's bit string
 * @error: return location for an error
 *
 * Flips one bit of the level of the parameter that holds it. Where the
 * level count L is not a power of two the flipped level can pass L − 1;
 * it is then taken modulo L, which still differs from the old level
 * because the flipped bit is worth less than L.
 */
gboolean
nc_params_flip_key_bit (NcParams  *params,
                        guint      bit,
                        GError   **error)
{
  guint index, local_bit;
  guint64 levels;

  if (!nc_params_locate_key_bit (params, bit, &index, &local_bit, error))
    return FALSE;
  levels = nc_param_spec_levels (&params->schema->specs[index]);
  params->levels[index] = (params->levels[index] ^ (G_GUINT64_CONSTANT (1) << local_bit)) % levels;
  return TRUE;
}

/* Returns: (transfer full): the key's bits as '0' and '1', each parameter
 * most significant bit first, in spec order. */
char *
nc_params_get_key_bit_string (const NcParams *params)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < params->schema->n_specs; i++)
    {
      guint bits;

      if (!is_active_key (params, i))
        continue;
      bits = nc_param_spec_bits (&params->schema->specs[i]);
      for (guint b = bits; b-- > 0;)
        g_string_append_c (out, (params->levels[i] >> b) & 1 ? '1' : '0');
    }
  return g_string_free (out, FALSE);
}
