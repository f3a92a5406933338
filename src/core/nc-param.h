/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  NC_PARAM_REAL,
  NC_PARAM_INT,
  NC_PARAM_CHOICE,
  NC_PARAM_FLAG,
} NcParamKind;

typedef struct {
  const char *id;
  const char *label;
} NcParamChoice;

/**
 * NcParamSpec:
 * @id: machine name, used in key files and by `--set id=value`
 * @label: what the workbench shows
 * @kind: real, integer, choice or flag
 * @min: smallest value (0 for choices and flags)
 * @max: largest value (number of choices − 1 for choices, 1 for flags)
 * @step: distance between levels (1 for integers, choices and flags)
 * @default_value: the value a new key starts from
 * @unit: unit shown beside the value, "" for none
 * @help: one line of help
 * @in_key: whether the parameter is secret, part of the key; the others
 *   are public structure (stage switches, rounds, the variant)
 * @choices: for %NC_PARAM_CHOICE, @max + 1 entries
 * @variants: bit v set when the parameter applies to variant v; 0 for all
 * @fresh: a public value drawn anew for every encryption (a nonce) while
 *   the key's "nonce" switch is on; the ciphertext records it and
 *   decryption reads it from there
 * @slide: a key parameter that only slides the keystream along (a
 *   burn-in: one more step gives the same bytes shifted), so it adds
 *   nothing to the effective key space
 *
 * One parameter of an engine. Everything about it — slider range, CLI
 * option, key bits, key file field — is derived from this one place.
 *
 * A parameter has L = floor((max − min) / step) + 1 levels and takes
 * ceil(log2 L) bits in the key's bit string. Values are held as the level
 * index, so a key is exact and a key file repeats it bit for bit.
 */
typedef struct {
  const char          *id;
  const char          *label;
  NcParamKind          kind;
  double               min;
  double               max;
  double               step;
  double               default_value;
  const char          *unit;
  const char          *help;
  gboolean             in_key;
  const NcParamChoice *choices;
  guint                variants;
  gboolean             fresh;
  gboolean             slide;
} NcParamSpec;

/* A string a table marked with N_() (a label, a unit, a help line, an
 * engine's name), translated; "" and NULL stay as they are (gettext
 * gives "" the catalogue's header). */
const char *nc_tr (const char *text);

/* The largest level count a parameter may have: levels must stay exact
 * in a double. */
#define NC_PARAM_MAX_LEVELS (G_GUINT64_CONSTANT (1) << 53)

/* The id of the choice parameter that selects an engine's variant. */
#define NC_PARAM_VARIANT_ID "variant"
/* The id of the flag that draws the fresh parameters for every image. */
#define NC_PARAM_NONCE_ID "nonce"

gboolean     nc_param_spec_validate     (const NcParamSpec *spec,
                                         GError           **error);
guint64      nc_param_spec_levels       (const NcParamSpec *spec);
guint        nc_param_spec_bits         (const NcParamSpec *spec);
double       nc_param_spec_value_at     (const NcParamSpec *spec,
                                         guint64            level);
gboolean     nc_param_spec_level_of     (const NcParamSpec *spec,
                                         double             value,
                                         guint64           *out_level,
                                         GError           **error);
guint64      nc_param_spec_default_level (const NcParamSpec *spec);
char        *nc_param_spec_format_level (const NcParamSpec *spec,
                                         guint64            level);
gboolean     nc_param_spec_parse        (const NcParamSpec *spec,
                                         const char        *text,
                                         guint64           *out_level,
                                         GError           **error);
const char  *nc_param_kind_to_string    (NcParamKind        kind);
gboolean     nc_param_spec_applies_to   (const NcParamSpec *spec,
                                         guint              variant);

G_END_DECLS
