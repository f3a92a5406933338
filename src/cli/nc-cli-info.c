/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli info IMAGE: what an image file holds and what loading
 * it changed. */
#include "nc-cli.h"

#include <stdio.h>

static gboolean as_json = FALSE;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

static void
print_text (const char       *path,
            const NcImage    *image,
            const NcLoadInfo *info)
{
  g_autoptr(GPtrArray) conversions = nc_load_info_describe_conversions (info);
  g_autofree char *display = g_filename_display_name (path);
  GHashTableIter iter;
  gpointer key, value;

  printf (_("File:       %s\n"), display);
  printf (_("Format:     %s, %s"), info->format, info->source_color);
  if (info->source_bit_depth > 0)
    printf (", %u-bit", info->source_bit_depth);
  printf ("%s\n", info->interlaced ? ", interlaced" : "");
  printf (_("Size:       %u × %u pixels, %u channel%s (%s)\n"), image->width, image->height,
          image->channels, image->channels == 1 ? "" : "s",
          image->channels == 1 ? "gray" : "RGB");
  printf (_("Converted:  %s\n"), conversions->len == 0 ? "nothing" : "");
  for (guint i = 0; i < conversions->len; i++)
    printf ("            - %s\n", (const char *) conversions->pdata[i]);

  g_hash_table_iter_init (&iter, info->text);
  while (g_hash_table_iter_next (&iter, &key, &value))
    printf (_("Text:       %s = %s\n"), (const char *) key, (const char *) value);
}

static void
print_json (const char       *path,
            const NcImage    *image,
            const NcLoadInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) conversions = nc_load_info_describe_conversions (info);
  g_autofree char *display = g_filename_display_name (path);
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, display);
  json_builder_set_member_name (builder, "file_format");
  json_builder_add_string_value (builder, info->format);
  json_builder_set_member_name (builder, "source_color");
  json_builder_add_string_value (builder, info->source_color);
  json_builder_set_member_name (builder, "source_bit_depth");
  json_builder_add_int_value (builder, info->source_bit_depth);
  json_builder_set_member_name (builder, "interlaced");
  json_builder_add_boolean_value (builder, info->interlaced);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, image->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, image->height);
  json_builder_set_member_name (builder, "channels");
  json_builder_add_int_value (builder, image->channels);
  json_builder_set_member_name (builder, "conversions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conversions->len; i++)
    json_builder_add_string_value (builder, conversions->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, info->text);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  nc_cli_print_json (builder);
}

int
nc_cli_info (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcLoadInfo) info = NULL;
  g_autoptr(NcImage) image = NULL;
  int status;

  context = nc_cli_context_new ("info", "IMAGE",
                                N_("Show an image's size and channels, the format it was stored "
                                "in, and every conversion loading made (alpha dropped, 16-bit "
                                "reduced, palette expanded)."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return nc_cli_usage (context, _("expected one IMAGE, got %d"), argc - 1);

  image = nc_image_load (argv[1], &info, &error);
  if (image == NULL)
    return nc_cli_fail (error);

  if (as_json)
    print_json (argv[1], image, info);
  else
    print_text (argv[1], image, info);
  return NC_EXIT_OK;
}
