/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "nc-error.h"

G_BEGIN_DECLS

void      nc_set_file_error        (GError       **error,
                                    NcErrorCode    code,
                                    const char    *path,
                                    const char    *format,
                                    ...) G_GNUC_PRINTF (4, 5);
void      nc_prefix_file_error     (GError       **error,
                                    const char    *path);

GMappedFile *nc_file_map           (const char    *path,
                                    GError       **error);
gboolean  nc_file_write_secret     (const char    *path,
                                    const void    *data,
                                    gsize          length,
                                    GError       **error);
gboolean  nc_file_write_atomic     (const char    *path,
                                    const void    *data,
                                    gsize          length,
                                    GError       **error);
char     *nc_file_stage            (const char    *path,
                                    const void    *data,
                                    gsize          length,
                                    int            mode,
                                    GError       **error);
gboolean  nc_file_commit           (const char    *temp,
                                    const char    *path,
                                    GError       **error);
void      nc_file_discard          (const char    *temp);
gboolean  nc_file_check_not_input  (const char    *output,
                                    const char    *input,
                                    GError       **error);

char     *nc_samples_dir           (void);

G_END_DECLS
