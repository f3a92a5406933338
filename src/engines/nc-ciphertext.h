/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-engine.h"

G_BEGIN_DECLS

gboolean  nc_ciphertext_save         (const NcImage    *cipher,
                                      const NcParams   *key,
                                      const char       *path,
                                      GError          **error);
gboolean  nc_ciphertext_match_key    (const NcLoadInfo *info,
                                      NcParams         *key,
                                      const char       *path,
                                      GError          **error);
NcImage  *nc_ciphertext_decrypt_file (const char       *path,
                                      NcParams         *key,
                                      NcImage         **out_cipher,
                                      GError          **error);

G_END_DECLS
