/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "nc-param.h"
#include "nc-rng.h"

G_BEGIN_DECLS

/**
 * NcParamSchema:
 * @owner: the id of what the parameters belong to (an engine id); key
 *   files record it
 * @specs: the parameters, in key order
 * @n_specs: their number
 */
typedef struct {
  const char        *owner;
  const NcParamSpec *specs;
  guint              n_specs;
} NcParamSchema;

typedef struct _NcParams NcParams;

NcParams            *nc_params_new              (const NcParamSchema *schema);
NcParams            *nc_params_copy             (const NcParams      *params);
void                 nc_params_free             (NcParams            *params);
gboolean             nc_params_equal            (const NcParams      *a,
                                                 const NcParams      *b);
void                 nc_params_set_network      (NcParams            *params,
                                                 gpointer             network,
                                                 GBoxedCopyFunc       ref,
                                                 GDestroyNotify       unref);
gpointer             nc_params_get_network      (const NcParams      *params);

const NcParamSchema *nc_params_get_schema       (const NcParams      *params);
int                  nc_params_find             (const NcParams      *params,
                                                 const char          *id);
guint64              nc_params_get_level        (const NcParams      *params,
                                                 guint                index);
gboolean             nc_params_set_level        (NcParams            *params,
                                                 guint                index,
                                                 guint64              level,
                                                 GError             **error);
double               nc_params_get_value        (const NcParams      *params,
                                                 guint                index);
double               nc_params_get              (const NcParams      *params,
                                                 const char          *id);
gboolean             nc_params_set              (NcParams            *params,
                                                 const char          *id,
                                                 double               value,
                                                 GError             **error);
gboolean             nc_params_set_from_string  (NcParams            *params,
                                                 const char          *assignment,
                                                 GError             **error);
char                *nc_params_format           (const NcParams      *params,
                                                 guint                index);
guint                nc_params_get_variant      (const NcParams      *params);
gboolean             nc_params_is_active        (const NcParams      *params,
                                                 guint                index);

void                 nc_params_randomize_key    (NcParams            *params,
                                                 NcRng               *rng);
gboolean             nc_params_uses_nonce       (const NcParams      *params);
gboolean             nc_params_get_nonce        (const NcParams      *params,
                                                 guint64             *out);
double               nc_nonce_offset            (guint64              nonce,
                                                 guint                salt,
                                                 double               scale);
void                 nc_params_draw_nonce       (NcParams            *params,
                                                 NcRng               *rng);
guint                nc_params_get_key_bits     (const NcParams      *params);
double               nc_params_get_key_space_bits (const NcParams    *params);
gboolean             nc_params_locate_key_bit   (const NcParams      *params,
                                                 guint                bit,
                                                 guint               *out_index,
                                                 guint               *out_bit,
                                                 GError             **error);
gboolean             nc_params_flip_key_bit     (NcParams            *params,
                                                 guint                bit,
                                                 GError             **error);
char                *nc_params_get_key_bit_string (const NcParams    *params);

char                *nc_params_to_key_file_data (const NcParams      *params,
                                                 gsize               *out_length);
char                *nc_params_stage_key_file   (const NcParams      *params,
                                                 const char          *path,
                                                 GError             **error);
gboolean             nc_params_save_key_file    (const NcParams      *params,
                                                 const char          *path,
                                                 GError             **error);
char                *nc_key_file_peek_owner     (const char          *path,
                                                 GError             **error);
NcParams            *nc_params_load_key_file    (const NcParamSchema *schema,
                                                 const char          *path,
                                                 GError             **error);
NcParams            *nc_params_load_key_data    (const NcParamSchema *schema,
                                                 const char          *data,
                                                 gsize                length,
                                                 const char          *name,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcParams, nc_params_free)

G_END_DECLS
