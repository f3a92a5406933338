/* SPDX-License-Identifier: GPL-3.0-or-later */
/* neurocipher-cli train-gan [--epochs N] [--seed S] -o WEIGHTS [IMAGE|FOLDER…]:
 * adversarial training of the adversarial engine's three generators. */
#include "nc-cli.h"

#include <stdio.h>

#define DEFAULT_EPOCHS 12
#define DEFAULT_SEED 1
/* The options' help says so. */
G_STATIC_ASSERT (DEFAULT_EPOCHS == 12 && DEFAULT_SEED == 1);

static char *output = NULL;
static int epochs = DEFAULT_EPOCHS;
static char *seed_text = NULL;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
    N_("Write the trained generators to FILE (required)"), N_("FILE") },
  { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs,
    N_("Train for N epochs (default 12); an epoch draws as many patches as the images hold"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
    N_("Seed the initial weights and every random draw (default 1)"), N_("S") },
  { NULL }
};

int
nc_cli_train_gan (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(NcGanTrainer) trainer = NULL;
  g_autoptr(NcGanWeights) weights = NULL;
  g_autofree char *samples = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *default_paths[2] = { NULL, NULL };
  const char * const *paths;
  guint64 seed = DEFAULT_SEED;
  int status;

  context = nc_cli_context_new ("train-gan", "[IMAGE|FOLDER…]",
                                N_("Train the adversarial engine's generators (adversarial "
                                "perturbation, distribution transformation, direct ciphertext "
                                "generation), each against a discriminator that tells its "
                                "ciphertext patches from uniform noise, on the 8 × 8 patches of "
                                "the given images and of every image directly in the given "
                                "folders (default: the bundled samples). Prints each epoch's "
                                "mean losses and discriminator accuracy, then writes a "
                                "versioned, checksummed weights file for --weights."),
                                entries);
  if (!nc_cli_parse (context, &argc, &argv, &status))
    return status;
  if (output == NULL)
    return nc_cli_usage (context, _("the weights file to write is missing (-o FILE)"));
  if (epochs < 1 || epochs > 100000)
    return nc_cli_usage (context, _("--epochs must be from 1 to 100000"));
  if (seed_text != NULL && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return nc_cli_usage (context, _("--seed “%s” is not a whole number from 0 to %llu"),
                         seed_text, (unsigned long long) G_MAXUINT64);

  if (argc > 1)
    paths = (const char * const *) argv + 1;
  else
    {
      samples = nc_samples_dir ();
      default_paths[0] = samples;
      paths = default_paths;
    }
  for (gsize i = 0; paths[i] != NULL; i++)
    if (!nc_file_check_not_input (output, paths[i], &error))
      return nc_cli_fail (error);

  images = nc_gan_load_training_images (paths, &error);
  if (images == NULL)
    return nc_cli_fail (error);
  trainer = nc_gan_trainer_new (seed, images, &error);
  if (trainer == NULL)
    return nc_cli_fail (error);

  printf (_("training on %u patches of 8 × 8 from %u images, %u steps per epoch, seed %llu\n"),
          nc_gan_trainer_get_n_patches (trainer), images->len, nc_gan_trainer_get_steps_per_epoch (trainer),
          (unsigned long long) seed);
  printf ("%5s  %-28s %7s %7s %7s %8s\n", "epoch", "variant", "G loss", "D loss", "D acc", "time");
  for (int e = 1; e <= epochs; e++)
    {
      NcGanStats mean[NC_GAN_N_VARIANTS];

      g_timer_start (timer);
      nc_gan_trainer_run_epoch (trainer, mean, NULL);
      for (guint v = 0; v < NC_GAN_N_VARIANTS; v++)
        {
          if (v == 0)
            printf ("%5d  ", e);
          else
            printf ("%5s  ", "");
          printf ("%-28s %7.4f %7.4f %6.1f %%", nc_gan_variant_label (v),
                  mean[v].g_loss, mean[v].d_loss, 100.0 * mean[v].d_accuracy);
          if (v == 0)
            printf (" %6.2f s", g_timer_elapsed (timer, NULL));
          printf ("\n");
        }
      fflush (stdout);
    }

  weights = nc_gan_trainer_dup_weights (trainer);
  if (!nc_gan_weights_save (weights, output, &error))
    return nc_cli_fail (error);
  printf (_("wrote %s (%s; checksum %s)\n"), output, weights->provenance, weights->checksum);
  return NC_EXIT_OK;
}
