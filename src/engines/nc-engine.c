/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "nc-engine.h"
#include "nc-i18n.h"

const char *
nc_family_to_string (NcFamily family)
{
  switch (family)
    {
    case NC_FAMILY_CHAOTIC: return "chaotic";
    case NC_FAMILY_CELLULAR: return "cellular";
    case NC_FAMILY_CONVOLUTIONAL: return "convolutional";
    case NC_FAMILY_ADVERSARIAL: return "adversarial";
    case NC_FAMILY_REFERENCE: return "reference";
    default: return "unknown";
    }
}

const char *
nc_family_label (NcFamily family)
{
  switch (family)
    {
    case NC_FAMILY_CHAOTIC: return _("Chaotic neural network");
    case NC_FAMILY_CELLULAR: return _("Cellular neural network");
    case NC_FAMILY_CONVOLUTIONAL: return _("Convolutional neural network");
    case NC_FAMILY_ADVERSARIAL: return _("Generative adversarial network");
    case NC_FAMILY_REFERENCE: return _("Reference cipher (not neural)");
    default: return _("Unknown");
    }
}

/**
 * nc_engine_find:
 * @id: an engine id
 * @error: return location for an error
 *
 * Returns: (transfer none) (nullable): the engine, or %NULL with an error
 *   listing the engines there are
 */
const NcEngine *
nc_engine_find (const char  *id,
                GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (engines[i]->id, id) == 0)
        return engines[i];
      g_string_append_printf (known, "%s%s", i ? ", " : "", engines[i]->id);
    }
  g_set_error (error, NC_ERROR, NC_ERROR_NOT_FOUND,
               _("no engine “%s” (there are: %s)"), id, known->str);
  return NULL;
}

/* Returns: (nullable): the spec of the "variant" parameter */
const NcParamSpec *
nc_engine_get_variant_spec (const NcEngine *engine)
{
  for (guint i = 0; i < engine->schema.n_specs; i++)
    if (g_strcmp0 (engine->schema.specs[i].id, NC_PARAM_VARIANT_ID) == 0)
      return &engine->schema.specs[i];
  return NULL;
}

NcParams *
nc_engine_new_params (const NcEngine *engine)
{
  return nc_params_new (&engine->schema);
}

/* Returns: (nullable): the registered engine @params belong to */
const NcEngine *
nc_engine_for_params (const NcParams *params)
{
  const NcParamSchema *schema = nc_params_get_schema (params);
  const NcEngine * const *engines;
  guint n;

  engines = nc_engines_list (&n);
  for (guint i = 0; i < n; i++)
    if (&engines[i]->schema == schema)
      return engines[i];
  return NULL;
}

/* @n_pixels: the image's pixel count, or 0 for NC_ENGINE_REFERENCE_PIXELS */
double
nc_engine_get_nominal_key_bits (const NcEngine *engine,
                                const NcParams *key,
                                guint64         n_pixels)
{
  return engine->nominal_key_bits (engine, key,
                                   n_pixels > 0 ? n_pixels : NC_ENGINE_REFERENCE_PIXELS);
}

/* Returns: how many variants @engine has (1 when it has none to choose) */
guint
nc_engine_get_n_variants (const NcEngine *engine)
{
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);

  return variants != NULL ? (guint) nc_param_spec_levels (variants) : 1;
}

/**
 * nc_engine_describe_variant:
 * @engine: an engine
 * @variant: one of its variants (0 when it has none)
 *
 * Returns: (transfer full): "engine — variant", what the model menu and
 *   the figures' titles show
 */
char *
nc_engine_describe_variant (const NcEngine *engine,
                            guint64         variant)
{
  const NcParamSpec *variants = nc_engine_get_variant_spec (engine);

  if (variants == NULL)
    return g_strdup (nc_tr (engine->name));
  /* TRANSLATORS: an engine and its variant, "Hopfield network — Hybrid" */
  return g_strdup_printf (_("%s — %s"), nc_tr (engine->name), nc_tr (variants->choices[variant].label));
}

/**
 * nc_engine_load_key:
 * @expected: (nullable): the engine the key must be for, or %NULL to take
 *   the engine the file names
 * @path: a key file
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the key; nc_engine_for_params()
 *   gives its engine
 */
NcParams *
nc_engine_load_key (const NcEngine  *expected,
                    const char      *path,
                    GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *owner = NULL;
  const NcEngine *engine = expected;

  if (engine == NULL)
    {
      owner = nc_key_file_peek_owner (path, error);
      if (owner == NULL)
        return NULL;
      engine = nc_engine_find (owner, &local_error);
      if (engine == NULL)
        {
          nc_set_file_error (error, NC_ERROR_KEY, path, _("%s"), local_error->message);
          return NULL;
        }
    }
  return nc_params_load_key_file (&engine->schema, path, error);
}

/**
 * nc_engine_chaos:
 *
 * Measures the chaotic system behind @key's keystream (the network after
 * its burn-in). Returns: FALSE, leaving @out alone, for an engine without
 * one.
 */
gboolean
nc_engine_chaos (const NcEngine *engine,
                 const NcParams *key,
                 NcChaos        *out)
{
  if (engine->chaos == NULL)
    return FALSE;
  engine->chaos (engine, key, out);
  return TRUE;
}

/* Returns: (transfer full) (nullable): a warning that @key is weak */
char *
nc_engine_diagnose (const NcEngine *engine,
                    const NcParams *key)
{
  return engine->diagnose != NULL ? engine->diagnose (engine, key) : NULL;
}

/**
 * nc_engine_count_weak:
 * @engine: the engine of @keys
 * @keys: keys
 * @n_keys: how many
 *
 * Returns: how many of @keys nc_engine_diagnose() finds weak; engines
 *   that can measure several keys at once do
 */
guint
nc_engine_count_weak (const NcEngine         *engine,
                      const NcParams * const *keys,
                      guint                   n_keys)
{
  guint weak = 0;

  if (engine->diagnose == NULL)
    return 0;
  if (engine->count_weak != NULL)
    return engine->count_weak (engine, keys, n_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *warning = engine->diagnose (engine, keys[i]);

      weak += warning != NULL;
    }
  return weak;
}

/**
 * nc_engine_draw_key:
 * @engine: the engine of @params
 * @params: the key to draw; its public parameters (variant, stages) stay
 * @rng: (nullable): a seeded generator, or %NULL for the secure one
 * @keep: (nullable): called after each draw to set again what the user
 *   fixed (`--set`), so those values are never drawn over
 * @keep_data: for @keep
 * @allow_weak: take the first draw, weak or not
 * @error: return location for an error
 *
 * Draws every key parameter at random, again and again until the
 * engine's weak-key check (a Lyapunov exponent) says the key is chaotic:
 * a key handed out is never weak unless asked for.
 *
 * Returns: %FALSE when NC_ENGINE_MAX_DRAWS draws gave only weak keys
 */
gboolean
nc_engine_draw_key (const NcEngine      *engine,
                    NcParams            *params,
                    NcRng               *rng,
                    NcEngineKeepFunc     keep,
                    gpointer             keep_data,
                    gboolean             allow_weak,
                    GError             **error)
{
  g_autofree char *warning = NULL;

  for (guint draw = 0; draw < NC_ENGINE_MAX_DRAWS; draw++)
    {
      nc_params_randomize_key (params, rng);
      if (keep != NULL)
        keep (params, keep_data);
      g_clear_pointer (&warning, g_free);
      if (allow_weak || (warning = nc_engine_diagnose (engine, params)) == NULL)
        return TRUE;
    }
  g_set_error (error, NC_ERROR, NC_ERROR_KEY,
               _("%u keys drawn for %s with these settings were all weak (%s); change the "
               "settings, or ask for a weak key to study one"), NC_ENGINE_MAX_DRAWS, engine->id,
               warning);
  return FALSE;
}

/**
 * nc_engine_public_metadata:
 * @key: a key
 *
 * What may be written beside a ciphertext or a figure without giving the
 * key away: the software, the engine and every public parameter (the
 * variant, the stage switches, sizes), as keyword, value pairs.
 *
 * Returns: (transfer full) (element-type utf8): keyword, value, …; add
 *   more pairs, then a %NULL, to pass it as a text array
 */
GPtrArray *
nc_engine_public_metadata (const NcParams *key)
{
  const NcParamSchema *schema = nc_params_get_schema (key);
  GPtrArray *metadata = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (metadata, g_strdup ("Software"));
  g_ptr_array_add (metadata, g_strdup ("Neurocipher " PACKAGE_VERSION));
  g_ptr_array_add (metadata, g_strdup ("neurocipher:engine"));
  g_ptr_array_add (metadata, g_strdup (schema->owner));
  for (guint i = 0; i < schema->n_specs; i++)
    if (!schema->specs[i].in_key)
      {
        g_ptr_array_add (metadata, g_strconcat ("neurocipher:", schema->specs[i].id, NULL));
        g_ptr_array_add (metadata, nc_params_format (key, i));
      }
  {
    const NcEngine *engine = nc_engine_for_params (key);

    if (engine != NULL && engine->add_metadata != NULL)
      engine->add_metadata (engine, key, metadata);
  }
  return metadata;
}

static gboolean
check_call (const NcEngine  *engine,
            const NcParams  *key,
            const NcImage   *input,
            const NcImage   *output,
            GError         **error)
{
  if (nc_params_get_schema (key) != &engine->schema)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_KEY, _("the key is for engine %s, not %s"),
                   nc_params_get_schema (key)->owner, engine->id);
      return FALSE;
    }
  if (!nc_image_same_shape (input, output) || input->data == output->data)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("output image must be a separate image of the input's shape"));
      return FALSE;
    }
  return TRUE;
}

gboolean
nc_engine_encrypt (const NcEngine  *engine,
                   const NcParams  *key,
                   const NcImage   *input,
                   NcImage         *output,
                   GCancellable    *cancellable,
                   GError         **error)
{
  return check_call (engine, key, input, output, error) &&
         engine->crypt (engine, key, input, output, FALSE, cancellable, error);
}

gboolean
nc_engine_decrypt (const NcEngine  *engine,
                   const NcParams  *key,
                   const NcImage   *input,
                   NcImage         *output,
                   GCancellable    *cancellable,
                   GError         **error)
{
  return check_call (engine, key, input, output, error) &&
         engine->crypt (engine, key, input, output, TRUE, cancellable, error);
}
