/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-engine.h"

G_BEGIN_DECLS

gboolean  nc_ciphertext_save         (const NcImage    *cipher,
                                      const NcParams   *key,
                                      const char       *path,
                                      GError          **error);
/* What a ciphertext without Neurocipher's metadata gets: refused (it
 * was not written by Neurocipher, or an editor stripped its text
 * chunks), or taken as made with the key's public parameters. */
typedef enum {
  NC_CIPHERTEXT_REQUIRE_METADATA,
  NC_CIPHERTEXT_ALLOW_MISSING_METADATA,
} NcCiphertextCheck;

gboolean  nc_ciphertext_match_key    (const NcLoadInfo *info,
                                      NcParams         *key,
                                      const char       *path,
                                      NcCiphertextCheck check,
                                      GError          **error);
NcImage  *nc_ciphertext_decrypt_file (const char       *path,
                                      NcParams         *key,
                                      NcCiphertextCheck check,
                                      NcImage         **out_cipher,
                                      GError          **error);

G_END_DECLS
