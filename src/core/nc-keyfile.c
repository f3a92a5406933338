/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key files (.nckey): GKeyFile text holding the engine and every
 * parameter, so a key repeats an encryption exactly.
 *
 *   [Neurocipher Key]
 *   Version=1
 *   Engine=chacha20
 *
 *   [Parameters]
 *   k0=2779096485
 *   …
 */
#include "nc-params.h"
#include "nc-i18n.h"

#include <sodium.h>

#include "nc-error.h"
#include "nc-file.h"

#define KEY_GROUP "Neurocipher Key"
#define PARAM_GROUP "Parameters"
#define KEY_VERSION 1
/* A key file is a few hundred bytes; anything far larger is not one. */
#define KEY_FILE_MAX_BYTES (1024 * 1024)

/**
 * nc_params_to_key_file_data:
 * @params: parameters
 * @out_length: (out) (optional): the text's length
 *
 * Returns: (transfer full): the key file's text
 */
char *
nc_params_to_key_file_data (const NcParams *params,
                            gsize          *out_length)
{
  const NcParamSchema *schema = nc_params_get_schema (params);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  g_key_file_set_integer (key_file, KEY_GROUP, "Version", KEY_VERSION);
  g_key_file_set_string (key_file, KEY_GROUP, "Engine", schema->owner);
  g_key_file_set_comment (key_file, NULL, NULL,
                          " Neurocipher key. Keep it secret: it decrypts every image\n"
                          " encrypted with it.", NULL);

  for (guint i = 0; i < schema->n_specs; i++)
    {
      g_autofree char *value = nc_params_format (params, i);

      g_key_file_set_string (key_file, PARAM_GROUP, schema->specs[i].id, value);
    }
  return g_key_file_to_data (key_file, out_length, NULL);
}

/**
 * nc_params_save_key_file:
 * @params: parameters
 * @path: where to write; written atomically, readable by its owner alone
 * @error: return location for an error
 */
gboolean
nc_params_save_key_file (const NcParams  *params,
                         const char      *path,
                         GError         **error)
{
  gsize length;
  char *data = nc_params_to_key_file_data (params, &length);
  gboolean ok = nc_file_write_secret (path, data, length, error);

  /* The key leaves no copy behind in freed memory. */
  sodium_memzero (data, length);
  g_free (data);
  return ok;
}

/**
 * nc_params_stage_key_file:
 *
 * Writes the key file beside @path under a temporary name (mode 0600),
 * for nc_file_commit() once what it goes with is written.
 *
 * Returns: (transfer full) (nullable): the temporary file's path
 */
char *
nc_params_stage_key_file (const NcParams  *params,
                          const char      *path,
                          GError         **error)
{
  gsize length;
  char *data = nc_params_to_key_file_data (params, &length);
  char *temp = nc_file_stage (path, data, length, 0600, error);

  sodium_memzero (data, length);
  g_free (data);
  return temp;
}

static GKeyFile *
parse_key_data (const char  *data,
                gsize        length,
                const char  *name,
                GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  int version;

  if (length == 0)
    {
      nc_set_file_error (error, NC_ERROR_EMPTY, name, _("the key file is empty"));
      return NULL;
    }
  if (length > KEY_FILE_MAX_BYTES)
    {
      nc_set_file_error (error, NC_ERROR_KEY, name,
                         _("is %llu bytes long: not a key file"), (unsigned long long) length);
      return NULL;
    }
  if (!g_utf8_validate (data, (gssize) length, NULL) ||
      !g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, &local_error))
    {
      nc_set_file_error (error, NC_ERROR_KEY, name, _("not a key file (%s)"),
                         local_error != NULL ? local_error->message : "not UTF-8 text");
      return NULL;
    }
  if (!g_key_file_has_group (key_file, KEY_GROUP))
    {
      nc_set_file_error (error, NC_ERROR_KEY, name,
                         _("not a Neurocipher key file (no [%s] section)"), KEY_GROUP);
      return NULL;
    }
  version = g_key_file_get_integer (key_file, KEY_GROUP, "Version", &local_error);
  if (local_error != NULL)
    {
      nc_set_file_error (error, NC_ERROR_KEY, name, _("the key file has no valid Version"));
      return NULL;
    }
  if (version != KEY_VERSION)
    {
      nc_set_file_error (error, NC_ERROR_KEY, name,
                         _("key file version %d is not supported (this build reads version %d)"),
                         version, KEY_VERSION);
      return NULL;
    }
  return g_steal_pointer (&key_file);
}

static char *
key_file_owner (GKeyFile    *key_file,
                const char  *name,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *owner = g_key_file_get_string (key_file, KEY_GROUP, "Engine", &local_error);

  if (owner == NULL || *g_strstrip (owner) == '\0')
    {
      nc_set_file_error (error, NC_ERROR_KEY, name, _("the key file names no engine"));
      return NULL;
    }
  return g_steal_pointer (&owner);
}

/**
 * nc_key_file_peek_owner:
 * @path: a key file
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the engine id the key file is for
 */
char *
nc_key_file_peek_owner (const char  *path,
                        GError     **error)
{
  g_autoptr(GMappedFile) mapped = nc_file_map (path, error);
  g_autoptr(GKeyFile) key_file = NULL;

  if (mapped == NULL)
    return NULL;
  key_file = parse_key_data (g_mapped_file_get_contents (mapped),
                             g_mapped_file_get_length (mapped), path, error);
  return key_file != NULL ? key_file_owner (key_file, path, error) : NULL;
}

static gboolean
read_parameters (GKeyFile    *key_file,
                 NcParams    *params,
                 const char  *name,
                 GError     **error)
{
  const NcParamSchema *schema = nc_params_get_schema (params);
  g_auto(GStrv) keys = g_key_file_get_keys (key_file, PARAM_GROUP, NULL, NULL);

  for (gsize k = 0; keys != NULL && keys[k] != NULL; k++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = NULL;
      int index = nc_params_find (params, keys[k]);
      guint64 level;

      if (index < 0)
        {
          nc_set_file_error (error, NC_ERROR_KEY, name,
                             _("unknown parameter “%s” for engine %s"), keys[k], schema->owner);
          return FALSE;
        }
      value = g_key_file_get_value (key_file, PARAM_GROUP, keys[k], NULL);
      if (!nc_param_spec_parse (&schema->specs[index], value, &level, &local_error))
        {
          const NcParamSpec *spec = &schema->specs[index];

          /* A secret value is never repeated in a message: say what is
           * allowed instead. */
          if (spec->in_key && spec->kind != NC_PARAM_CHOICE && spec->kind != NC_PARAM_FLAG)
            nc_set_file_error (error, NC_ERROR_KEY, name,
                               _("key parameter “%s” is not a %s from %.17g to %.17g in steps of %.17g "
                               "(its value is secret and not shown)"), spec->id,
                               spec->kind == NC_PARAM_INT ? "whole number" : "number",
                               spec->min, spec->max, spec->step);
          else if (spec->in_key)
            nc_set_file_error (error, NC_ERROR_KEY, name,
                               _("key parameter “%s” is not one of its %s (its value is secret and not shown)"),
                               spec->id, spec->kind == NC_PARAM_FLAG ? _("values, true or false") : _("choices"));
          else
            nc_set_file_error (error, NC_ERROR_KEY, name, _("%s"), local_error->message);
          return FALSE;
        }
      nc_params_set_level (params, (guint) index, level, NULL);
    }

  /* Public parameters (and key parameters with a single level) may be
   * left out and take their defaults; a key without all its secret parts
   * would silently be another key. */
  for (guint i = 0; i < schema->n_specs; i++)
    if (schema->specs[i].in_key && nc_params_is_active (params, i) &&
        nc_param_spec_bits (&schema->specs[i]) > 0 &&
        !g_key_file_has_key (key_file, PARAM_GROUP, schema->specs[i].id, NULL))
      {
        nc_set_file_error (error, NC_ERROR_KEY, name,
                           _("key parameter “%s” is missing"), schema->specs[i].id);
        return FALSE;
      }
  return TRUE;
}

/**
 * nc_params_load_key_data:
 * @schema: the engine's parameters the key must be for
 * @data: key file text
 * @length: its length
 * @name: the file's name, for messages
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the parameters, or %NULL when the
 *   text is not a key file, is for another engine, names an unknown
 *   parameter, lacks a key parameter or holds a value that is not a
 *   finite number on the parameter's grid inside its range
 */
NcParams *
nc_params_load_key_data (const NcParamSchema *schema,
                         const char          *data,
                         gsize                length,
                         const char          *name,
                         GError             **error)
{
  g_autoptr(GKeyFile) key_file = parse_key_data (data, length, name, error);
  g_autoptr(NcParams) params = NULL;
  g_autofree char *owner = NULL;

  if (key_file == NULL)
    return NULL;
  owner = key_file_owner (key_file, name, error);
  if (owner == NULL)
    return NULL;
  if (g_strcmp0 (owner, schema->owner) != 0)
    {
      nc_set_file_error (error, NC_ERROR_KEY, name,
                         _("is a key for engine “%s”, not for %s"), owner, schema->owner);
      return NULL;
    }
  if (!g_key_file_has_group (key_file, PARAM_GROUP))
    {
      nc_set_file_error (error, NC_ERROR_KEY, name, _("the key file has no [%s] section"),
                         PARAM_GROUP);
      return NULL;
    }

  params = nc_params_new (schema);
  if (!read_parameters (key_file, params, name, error))
    return NULL;
  return g_steal_pointer (&params);
}

NcParams *
nc_params_load_key_file (const NcParamSchema *schema,
                         const char          *path,
                         GError             **error)
{
  g_autoptr(GMappedFile) mapped = nc_file_map (path, error);

  if (mapped == NULL)
    return NULL;
  return nc_params_load_key_data (schema, g_mapped_file_get_contents (mapped),
                                  g_mapped_file_get_length (mapped), path, error);
}
