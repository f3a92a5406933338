/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli measure A B: the two-image measures for any pair, as
 * researchers with ciphertexts from elsewhere use them (Yue Wu's
 * NPCR_and_UACI.m): MSE, PSNR, SSIM, the correlation between the two,
 * and NPCR and UACI judged against Wu, Noonan & Agaian's critical values
 * for the samples compared. */
#include "nc-cli.h"

#include <stdio.h>

static gboolean as_json = FALSE;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
  { NULL }
};

static void
print_json (const NcPairMeasures *m)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  nc_cli_add_number (b, "mse", m->mse);
  nc_cli_add_number (b, "psnr", m->psnr);
  nc_cli_add_number (b, "ssim", m->ssim);
  nc_cli_add_number (b, "correlation", m->correlation);
  nc_cli_add_differential_json (b, "differential", &m->all, &m->verdicts);
  json_builder_set_member_name (b, "channels");
  json_builder_begin_array (b);
  for (guint c = 0; c < m->channels; c++)
    {
      json_builder_begin_object (b);
      nc_cli_add_differential_json (b, "differential", &m->channel[c], &m->channel_verdicts[c]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  nc_cli_print_json (b);
}

static void
print_text (const NcPairMeasures *m,
            const char     *path_a,
            const char     *path_b,
            const NcImage  *a)
{
  g_autofree char *name_a = g_filename_display_name (path_a);
  g_autofree char *name_b = g_filename_display_name (path_b);

  printf (_("A %s and B %s: %u × %u, %s\n"), name_a, name_b, a->width, a->height,
          a->channels == 1 ? "gray" : "RGB");
  printf (_("MSE %.4f, PSNR %.2f dB, SSIM %.6f, correlation between A and B %+.6f\n\n"), m->mse,
          m->psnr, m->ssim, m->correlation);
  nc_cli_print_differential (_("All samples"), &m->all, &m->verdicts);
  for (guint c = 0; c < m->channels && m->channels > 1; c++)
    {
      static const char *names[] = { "Red", "Green", "Blue" };

      nc_cli_print_differential (names[c], &m->channel[c], &m->channel_verdicts[c]);
    }
}

int
nc_cli_measure (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NcImage) a = NULL;
  g_autoptr(NcImage) b = NULL;
  NcPairMeasures m;
  int status;

  context = nc_cli_context_new ("measure", "A B",
                                N_("Measure two images of one shape against each other: MSE, PSNR, "
                                "SSIM, their correlation, and NPCR and UACI with the critical values "
                                "of Wu, Noonan & Agaian for the samples compared (all channels, then "
                                "each). For ciphertexts from anywhere: two under keys one bit apart, "
                                "or of plaintexts one pixel apart."),
                                entries);
  g_option_context_add_main_entries (context, nc_cli_image_entries, NULL);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return nc_cli_usage (context, _("expected A and B, got %d arguments"), argc - 1);
  if ((a = nc_image_load (argv[1], NULL, &error)) == NULL ||
      (b = nc_image_load (argv[2], NULL, &error)) == NULL)
    return nc_cli_fail (error);
  if (!nc_image_same_shape (a, b))
    {
      nc_set_file_error (&error, NC_ERROR_INVALID, argv[2],
                         _("is %u × %u × %u, but %s is %u × %u × %u: measures need one shape"),
                         b->width, b->height, b->channels, argv[1], a->width, a->height, a->channels);
      return nc_cli_fail (error);
    }
  if (!nc_metric_pair (a, b, &m, &error))
    return nc_cli_fail (error);
  if (as_json)
    print_json (&m);
  else
    print_text (&m, argv[1], argv[2], a);
  return NC_EXIT_OK;
}
