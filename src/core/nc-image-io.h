/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "nc-image.h"

G_BEGIN_DECLS

/**
 * NcConversion:
 * @NC_CONVERSION_ALPHA_DROPPED: an alpha channel in the file was removed
 *   (from decoders that always add one, only when it was not fully opaque)
 * @NC_CONVERSION_DEPTH_REDUCED: 16-bit samples were scaled to 8 bits
 * @NC_CONVERSION_DEPTH_EXPANDED: 1-, 2- or 4-bit gray was scaled to 8 bits
 * @NC_CONVERSION_PALETTE_EXPANDED: palette indices were replaced by RGB
 * @NC_CONVERSION_TRANSPARENCY_IGNORED: a PNG tRNS transparency was ignored
 * @NC_CONVERSION_GRAY_FROM_RGB: the decoder gave RGB with three equal
 *   channels everywhere; kept as one gray channel
 * @NC_CONVERSION_FIRST_FRAME: an animation; only its first frame was kept
 *
 * What loading changed on the way from the file to an 8-bit gray or RGB
 * image. Every conversion is reported, never done silently.
 */
typedef enum {
  NC_CONVERSION_NONE                 = 0,
  NC_CONVERSION_ALPHA_DROPPED        = 1 << 0,
  NC_CONVERSION_DEPTH_REDUCED        = 1 << 1,
  NC_CONVERSION_DEPTH_EXPANDED       = 1 << 2,
  NC_CONVERSION_PALETTE_EXPANDED     = 1 << 3,
  NC_CONVERSION_TRANSPARENCY_IGNORED = 1 << 4,
  NC_CONVERSION_GRAY_FROM_RGB        = 1 << 5,
  NC_CONVERSION_FIRST_FRAME          = 1 << 6,
} NcConversion;

/**
 * NcLoadInfo:
 * @format: the file format, upper case ("PNG", "JPEG", …)
 * @source_color: the colour model in the file ("gray", "gray+alpha", "RGB",
 *   "RGBA", "palette")
 * @source_bit_depth: bits per sample in the file, 0 where the decoder does
 *   not say
 * @interlaced: whether the file was interlaced
 * @conversions: what loading changed
 * @text: (element-type utf8 utf8): PNG text chunks, keyword → value
 */
typedef struct {
  char         *format;
  char         *source_color;
  guint         source_bit_depth;
  gboolean      interlaced;
  NcConversion  conversions;
  GHashTable   *text;
} NcLoadInfo;

void        nc_load_info_free                  (NcLoadInfo *info);
GPtrArray  *nc_load_info_describe_conversions  (const NcLoadInfo *info);

NcImage    *nc_image_load              (const char    *path,
                                        NcLoadInfo   **out_info,
                                        GError       **error);
NcImage    *nc_image_load_from_data    (const guint8  *data,
                                        gsize          length,
                                        const char    *name,
                                        NcLoadInfo   **out_info,
                                        GError       **error);

/**
 * NcSaveFlags:
 * @NC_SAVE_DEFAULT: adaptive row filters and zlib level 6, for images
 *   with structure
 * @NC_SAVE_FAST: no row filter and zlib level 1: ciphertexts do not
 *   compress, so effort spent trying is wasted
 */
typedef enum {
  NC_SAVE_DEFAULT = 0,
  NC_SAVE_FAST    = 1 << 0,
} NcSaveFlags;

GBytes     *nc_image_encode_png        (const NcImage      *image,
                                        const char * const *text,
                                        NcSaveFlags         flags,
                                        GError            **error);
GBytes     *nc_image_encode_png_dpi    (const NcImage      *image,
                                        const char * const *text,
                                        NcSaveFlags         flags,
                                        double              dpi,
                                        GError            **error);
gboolean    nc_image_save_png          (const NcImage      *image,
                                        const char         *path,
                                        const char * const *text,
                                        NcSaveFlags         flags,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcLoadInfo, nc_load_info_free)

G_END_DECLS
