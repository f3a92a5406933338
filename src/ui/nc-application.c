/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "nc-application.h"

#include "nc-replay.h"
#include "nc-window.h"

struct _NcApplication {
  AdwApplication parent_instance;
  int            replay_steps;
  char          *view;
};

static const char * const view_names[] = {
  "histogram", "scatter", "keyflip", "metrics", "attacks", "training", "compare", "sweep", "noise",
  "randomness", "measure", NULL
};

G_DEFINE_FINAL_TYPE (NcApplication, nc_application, ADW_TYPE_APPLICATION)

static NcWindow *
get_window (NcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (nc_window_new (ADW_APPLICATION (self)));
      if (self->view != NULL)
        nc_window_show_view (NC_WINDOW (window), self->view);
    }
  return NC_WINDOW (window);
}

static void
nc_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (get_window (NC_APPLICATION (application))));
}

static void
nc_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NcWindow *window = get_window (NC_APPLICATION (application));

  (void) hint;
  if (NC_APPLICATION (application)->replay_steps > 0)
    nc_replay_start (application, window, (guint) NC_APPLICATION (application)->replay_steps);
  /* One image at a time: the workbench compares views of one image. */
  if (n_files > 0)
    nc_window_open (window, files[0]);
  gtk_window_present (GTK_WINDOW (window));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Neurocipher developers", NULL };
  AdwAboutWindow *about;

  (void) action;
  (void) parameter;
  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (application));
  adw_about_window_set_application_name (about, "Neurocipher");
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about, _(
    "A workbench for image encryption with neural-network models: chaotic "
    "(Hopfield), cellular, convolutional and adversarial networks, measured "
    "on key space, key sensitivity, adjacent-pixel correlation, noise "
    "resistance, entropy and distortion, and attacked through an encryption "
    "oracle.\n\nThe neural ciphers are here to be studied, not to protect "
    "anything: ChaCha20, with a fresh nonce for every image, is the cipher to trust."));
  adw_about_window_add_legal_section (about, _("References"),
    NULL, GTK_LICENSE_CUSTOM,
    "Lyu, “Application of Neural Network Models in Image Encryption and "
    "Differential Analysis”, 2025 — the models and the six aspects of comparison.\n"
    "Wu, Noonan &amp; Agaian, “NPCR and UACI Randomness Tests for Image Encryption”, "
    "2011 — critical values of NPCR and UACI.\n"
    "Wu, Zhou, Palmieri, Noonan &amp; Agaian, “Local Shannon entropy measure with "
    "statistical tests for image randomness”, 2013.\n"
    "Wang, Bovik, Sheikh &amp; Simoncelli, “Image Quality Assessment: From Error "
    "Visibility to Structural Similarity”, 2004 — SSIM.\n"
    "Hu, Yu &amp; Zhang, 2020 — the chosen-plaintext attack on a Hopfield "
    "permutation–diffusion scheme (Liu et al. 2019).\n"
    "Li, Li, Chen &amp; Bourbakis, 2008 — recovering permutations with chosen images.\n"
    "Sample images: “camera” and “astronaut” from scikit-image, public domain.");
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  (void) action;
  (void) parameter;
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
};

/* The keystreams kept for the last keys are wiped before the program
 * ends. */
static void
nc_application_shutdown (GApplication *application)
{
  nc_engine_forget_keystreams ();
  G_APPLICATION_CLASS (nc_application_parent_class)->shutdown (application);
}

static void
nc_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *randomize_accels[] = { "<Control>r", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *guide_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (nc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         close_accels);
  /* The windows bind these keys themselves; naming them here lets the
   * shortcuts window show them. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.randomize-key",
                                         randomize_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.export-view",
                                         export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-guide",
                                         guide_accels);
}

static int
nc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  NcApplication *self = NC_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("neurocipher %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "replay", "i", &self->replay_steps);
  if (g_variant_dict_lookup (options, "view", "s", &self->view)
      && !g_strv_contains (view_names, self->view))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) view_names);

      g_printerr ("neurocipher: unknown view “%s” (one of %s)\n", self->view, names);
      return 2;
    }
  return -1;
}

static void
nc_application_finalize (GObject *object)
{
  g_free (NC_APPLICATION (object)->view);
  G_OBJECT_CLASS (nc_application_parent_class)->finalize (object);
}

static void
nc_application_class_init (NcApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = nc_application_finalize;
  app_class->handle_local_options = nc_application_handle_local_options;
  app_class->activate = nc_application_activate;
  app_class->open = nc_application_open;
  app_class->startup = nc_application_startup;
  app_class->shutdown = nc_application_shutdown;
}

static void
nc_application_init (NcApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "version", 0, 0, G_OPTION_ARG_NONE,
                                 _("Print the version and quit"), NULL);
  g_application_add_main_option (G_APPLICATION (self), "replay", 0, 0, G_OPTION_ARG_INT,
                                 _("Drag the first key slider through N steps, print the update "
                                   "rate and the longest main-loop stall, and quit"), "N");
  g_application_add_main_option (G_APPLICATION (self), "view", 0, 0, G_OPTION_ARG_STRING,
                                 _("Show this view: histogram, scatter, keyflip, metrics, attacks, training, "
                                   "or the study compare, sweep, noise, randomness or measure"), "NAME");
}

NcApplication *
nc_application_new (void)
{
  return g_object_new (NC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/neurocipher/Neurocipher",
                       NULL);
}
