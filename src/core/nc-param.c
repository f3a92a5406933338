/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-param.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "nc-error.h"
#include "nc-i18n.h"

const char *
nc_tr (const char *text)
{
  return text != NULL && *text != '\0' ? g_dgettext (GETTEXT_PACKAGE, text) : text;
}

const char *
nc_param_kind_to_string (NcParamKind kind)
{
  switch (kind)
    {
    case NC_PARAM_REAL: return "real";
    case NC_PARAM_INT: return "integer";
    case NC_PARAM_CHOICE: return "choice";
    case NC_PARAM_FLAG: return "flag";
    default: return "unknown";
    }
}

gboolean
nc_param_spec_applies_to (const NcParamSpec *spec,
                          guint              variant)
{
  return spec->variants == 0 || (variant < 32 && (spec->variants & (1u << variant)));
}

/**
 * nc_param_spec_levels:
 * @spec: a valid spec
 *
 * Returns: L = floor((max − min) / step) + 1. The quotient is nudged up by
 *   a few units in the last place of its operands, so that a range that is a whole number
 *   of steps in decimal (2 / 0.001) is not cut short by binary rounding.
 */
guint64
nc_param_spec_levels (const NcParamSpec *spec)
{
  double q = (spec->max - spec->min) / spec->step;
  /* max − min loses bits when both are large against their difference. */
  double rounding = (fabs (spec->max) + fabs (spec->min)) / spec->step + q;
  double nudge = MIN (0.25, 4 * DBL_EPSILON * rounding + 1e-9);

  return (guint64) floor (q + nudge) + 1;
}

guint
nc_param_spec_bits (const NcParamSpec *spec)
{
  guint64 levels = nc_param_spec_levels (spec);
  guint bits = 0;

  while (bits < 64 && (G_GUINT64_CONSTANT (1) << bits) < levels)
    bits++;
  return bits;
}

double
nc_param_spec_value_at (const NcParamSpec *spec,
                        guint64            level)
{
  double value = spec->min + (double) level * spec->step;

  return MIN (value, spec->max);
}

static gboolean
check_choices (const NcParamSpec *spec,
               GError           **error)
{
  if (spec->choices == NULL || spec->min != 0 || spec->step != 1 ||
      spec->max != floor (spec->max))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("choice parameter %s needs choices, min 0 and step 1"), spec->id);
      return FALSE;
    }
  for (guint64 i = 0; i <= (guint64) spec->max; i++)
    if (spec->choices[i].id == NULL || spec->choices[i].label == NULL)
      {
        g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                     _("choice parameter %s has fewer than %g choices"),
                     spec->id, spec->max + 1);
        return FALSE;
      }
  return TRUE;
}

/**
 * nc_param_spec_validate:
 * @spec: a spec
 * @error: return location for an error
 *
 * Checks that a spec is self-consistent; the engine tests run it over
 * every engine's specs.
 */
gboolean
nc_param_spec_validate (const NcParamSpec *spec,
                        GError           **error)
{
  guint64 default_level;

  if (spec->id == NULL || spec->label == NULL || spec->help == NULL ||
      spec->unit == NULL)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("parameter %s lacks an id, label, unit or help"),
                   spec->id ? spec->id : "(unnamed)");
      return FALSE;
    }
  if (!isfinite (spec->min) || !isfinite (spec->max) || !isfinite (spec->step) ||
      spec->step <= 0 || spec->max < spec->min)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("parameter %s has a bad range"), spec->id);
      return FALSE;
    }
  if ((spec->max - spec->min) / spec->step >= (double) NC_PARAM_MAX_LEVELS)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("parameter %s has more than 2^53 levels"), spec->id);
      return FALSE;
    }
  if (spec->kind != NC_PARAM_REAL &&
      (spec->step != floor (spec->step) || spec->min != floor (spec->min)))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("parameter %s is discrete but has a fractional min or step"), spec->id);
      return FALSE;
    }
  if (spec->kind == NC_PARAM_FLAG && (spec->min != 0 || spec->max != 1 || spec->step != 1))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("flag parameter %s must range over 0 and 1"), spec->id);
      return FALSE;
    }
  if (spec->kind == NC_PARAM_CHOICE && !check_choices (spec, error))
    return FALSE;
  if (!nc_param_spec_level_of (spec, spec->default_value, &default_level, error))
    {
      g_prefix_error (error, _("default of "));
      return FALSE;
    }
  return TRUE;
}

/**
 * nc_param_spec_level_of:
 * @spec: a spec
 * @value: a value
 * @out_level: (out): its level
 * @error: return location for an error
 *
 * Finds the level of @value. A value that is not finite, outside the range
 * or not on the grid of steps (within a millionth of a step) is refused.
 */
gboolean
nc_param_spec_level_of (const NcParamSpec *spec,
                        double             value,
                        guint64           *out_level,
                        GError           **error)
{
  guint64 levels = nc_param_spec_levels (spec);
  double tolerance = spec->step * 1e-6;
  double position;
  guint64 level;

  if (!isfinite (value))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("%s must be a finite number"), spec->id);
      return FALSE;
    }
  if (value < spec->min - tolerance || value > spec->max + tolerance)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("%s = %.17g is outside its range %.17g to %.17g"),
                   spec->id, value, spec->min, spec->max);
      return FALSE;
    }

  position = (value - spec->min) / spec->step;
  level = (guint64) MAX (0.0, floor (position + 0.5));
  if (level >= levels)
    level = levels - 1;
  if (fabs (nc_param_spec_value_at (spec, level) - value) > tolerance)
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("%s = %.17g is not on its grid (%.17g plus a whole number of steps of %.17g)"),
                   spec->id, value, spec->min, spec->step);
      return FALSE;
    }
  *out_level = level;
  return TRUE;
}

guint64
nc_param_spec_default_level (const NcParamSpec *spec)
{
  guint64 level = 0;

  if (!nc_param_spec_level_of (spec, spec->default_value, &level, NULL))
    g_critical ("parameter %s has a default off its grid", spec->id);
  return level;
}

/**
 * nc_param_spec_format_level:
 * @spec: a spec
 * @level: a level below the spec's level count
 *
 * Returns: (transfer full): the level as text that nc_param_spec_parse()
 *   reads back to the same level: the shortest decimal for reals, the
 *   choice id for choices, true/false for flags.
 */
char *
nc_param_spec_format_level (const NcParamSpec *spec,
                            guint64            level)
{
  double value = nc_param_spec_value_at (spec, level);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (spec->kind)
    {
    case NC_PARAM_CHOICE:
      return g_strdup (spec->choices[level].id);
    case NC_PARAM_FLAG:
      return g_strdup (level ? "true" : "false");
    case NC_PARAM_INT:
      return g_strdup_printf ("%.0f", value);
    case NC_PARAM_REAL:
    default:
      for (int digits = 6; digits < 17; digits++)
        {
          char format[8];
          guint64 back;

          g_snprintf (format, sizeof format, "%%.%dg", digits);
          g_ascii_formatd (buffer, sizeof buffer, format, value);
          if (nc_param_spec_level_of (spec, g_ascii_strtod (buffer, NULL), &back, NULL) &&
              back == level)
            return g_strdup (buffer);
        }
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
    }
}

static gboolean
parse_flag (const NcParamSpec *spec,
            const char        *text,
            guint64           *out_level,
            GError           **error)
{
  static const char *truths[] = { "true", "on", "yes", "1" };
  static const char *falsehoods[] = { "false", "off", "no", "0" };

  for (gsize i = 0; i < G_N_ELEMENTS (truths); i++)
    {
      if (g_ascii_strcasecmp (text, truths[i]) == 0)
        return *out_level = 1, TRUE;
      if (g_ascii_strcasecmp (text, falsehoods[i]) == 0)
        return *out_level = 0, TRUE;
    }
  g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
               _("%s is a flag: “%s” is not true or false"), spec->id, text);
  return FALSE;
}

static gboolean
parse_choice (const NcParamSpec *spec,
              const char        *text,
              guint64           *out_level,
              GError           **error)
{
  g_autoptr(GString) known = g_string_new (NULL);
  guint64 n = nc_param_spec_levels (spec);

  for (guint64 i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (text, spec->choices[i].id) == 0)
        return *out_level = i, TRUE;
      g_string_append_printf (known, "%s%s", i ? ", " : "", spec->choices[i].id);
    }
  g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
               _("%s has no choice “%s” (choose one of %s)"), spec->id, text, known->str);
  return FALSE;
}

/**
 * nc_param_spec_parse:
 * @spec: a spec
 * @text: a value as text
 * @out_level: (out): its level
 * @error: return location for an error
 *
 * Reads a value written by a person or a key file: a number (integers
 * without a fraction), a choice id or a flag word. Anything else, NaN and
 * infinities included, is refused with a message saying why.
 */
gboolean
nc_param_spec_parse (const NcParamSpec *spec,
                     const char        *text,
                     guint64           *out_level,
                     GError           **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *end = NULL;
  double value;

  if (*trimmed == '\0')
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID, _("%s has no value"), spec->id);
      return FALSE;
    }
  if (spec->kind == NC_PARAM_FLAG)
    return parse_flag (spec, trimmed, out_level, error);
  if (spec->kind == NC_PARAM_CHOICE)
    return parse_choice (spec, trimmed, out_level, error);

  value = g_ascii_strtod (trimmed, &end);
  if (end == trimmed || *end != '\0')
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("%s = “%s” is not a number"), spec->id, trimmed);
      return FALSE;
    }
  if (spec->kind == NC_PARAM_INT && value != floor (value))
    {
      g_set_error (error, NC_ERROR, NC_ERROR_INVALID,
                   _("%s = “%s” must be a whole number"), spec->id, trimmed);
      return FALSE;
    }
  return nc_param_spec_level_of (spec, value, out_level, error);
}
