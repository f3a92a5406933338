/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "nc-image-io.h"
#include "nc-i18n.h"
#include "nc-param.h"

#include "nc-error.h"
#include "nc-file.h"
#include "nc-image-io-private.h"

void
nc_load_info_free (NcLoadInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->format);
  g_free (info->source_color);
  g_clear_pointer (&info->text, g_hash_table_unref);
  g_free (info);
}

static NcLoadInfo *
nc_load_info_new (void)
{
  NcLoadInfo *info = g_new0 (NcLoadInfo, 1);

  info->text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return info;
}

/**
 * nc_load_info_describe_conversions:
 * @info: what a load reported
 *
 * Returns: (transfer full) (element-type utf8): one sentence per
 *   conversion, empty when the file was used as it is
 */
GPtrArray *
nc_load_info_describe_conversions (const NcLoadInfo *info)
{
  static const struct {
    NcConversion flag;
    const char  *text;
  } sentences[] = {
    { NC_CONVERSION_PALETTE_EXPANDED, N_("palette colours expanded to RGB") },
    { NC_CONVERSION_DEPTH_REDUCED, N_("16-bit samples reduced to 8 bits") },
    { NC_CONVERSION_DEPTH_EXPANDED, N_("1/2/4-bit samples expanded to 8 bits") },
    { NC_CONVERSION_ALPHA_DROPPED, N_("alpha channel dropped") },
    { NC_CONVERSION_TRANSPARENCY_IGNORED, N_("transparent colour (tRNS) ignored") },
    { NC_CONVERSION_GRAY_FROM_RGB, N_("RGB with three equal channels kept as gray") },
    { NC_CONVERSION_FIRST_FRAME, N_("animation: only the first frame kept") },
  };
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < G_N_ELEMENTS (sentences); i++)
    if (info->conversions & sentences[i].flag)
      g_ptr_array_add (out, g_strdup (nc_tr (sentences[i].text)));
  return out;
}

/**
 * nc_image_load_from_data:
 * @data: the whole file's bytes
 * @length: their number
 * @name: the file's name, for messages
 * @out_info: (out) (optional) (transfer full): what the file held and
 *   what loading changed
 * @error: return location for an error
 *
 * Decodes PNG with libpng and every other format gdk-pixbuf knows, into an
 * 8-bit gray or RGB image. The pixel cap is checked against the header
 * before any pixel memory is allocated.
 *
 * Returns: (transfer full) (nullable): the image
 */
NcImage *
nc_image_load_from_data (const guint8  *data,
                         gsize          length,
                         const char    *name,
                         NcLoadInfo   **out_info,
                         GError       **error)
{
  g_autoptr(NcLoadInfo) info = nc_load_info_new ();
  g_autoptr(GError) local_error = NULL;
  NcImage *image;

  if (length == 0)
    {
      nc_set_file_error (error, NC_ERROR_EMPTY, name, _("the file is empty (0 bytes)"));
      return NULL;
    }

  if (nc_png_is_png (data, length))
    image = nc_png_decode (data, length, name, info, &local_error);
  else
    image = nc_pixbuf_decode (data, length, name, info, &local_error);

  if (image == NULL)
    {
      nc_set_file_error (error, local_error->code, name, _("%s"), local_error->message);
      return NULL;
    }

  if (out_info != NULL)
    *out_info = g_steal_pointer (&info);
  return image;
}

/**
 * nc_image_load:
 * @path: an image file
 * @out_info: (out) (optional) (transfer full): what the file held and what
 *   loading changed
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with an error
 *   naming @path and what is wrong with it
 */
NcImage *
nc_image_load (const char  *path,
               NcLoadInfo **out_info,
               GError     **error)
{
  g_autoptr(GMappedFile) mapped = nc_file_map (path, error);

  if (mapped == NULL)
    return NULL;

  return nc_image_load_from_data ((const guint8 *) g_mapped_file_get_contents (mapped),
                                  g_mapped_file_get_length (mapped),
                                  path, out_info, error);
}

/**
 * nc_image_save_png:
 * @image: the image
 * @path: where to write it
 * @text: (nullable) (array zero-terminated=1): keyword, value, keyword,
 *   value, …, %NULL: text chunks to store
 * @flags: how hard to compress
 * @error: return location for an error
 *
 * Writes a lossless PNG through a temporary file and a rename: on failure
 * nothing is left at @path that was not there before.
 */
gboolean
nc_image_save_png (const NcImage      *image,
                   const char         *path,
                   const char * const *text,
                   NcSaveFlags         flags,
                   GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = nc_image_encode_png (image, text, flags, &local_error);
  gsize length;
  const void *data;

  if (bytes == NULL)
    {
      nc_set_file_error (error, local_error->code, path, _("%s"), local_error->message);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  return nc_file_write_atomic (path, data, length, error);
}
