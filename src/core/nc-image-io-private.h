/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "nc-image-io.h"

G_BEGIN_DECLS

/* Decoders: @name is only used in messages. They fill @info, which the
 * caller has allocated. */
gboolean  nc_png_is_png           (const guint8 *data,
                                   gsize         length);
NcImage  *nc_png_decode           (const guint8 *data,
                                   gsize         length,
                                   const char   *name,
                                   NcLoadInfo   *info,
                                   GError      **error);
NcImage  *nc_pixbuf_decode        (const guint8 *data,
                                   gsize         length,
                                   const char   *name,
                                   NcLoadInfo   *info,
                                   GError      **error);

G_END_DECLS
