/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis views under the panes: a figure view per figure kind (the
 * key-flip view with its key-bit slider) and the GAN training view. */
#include "config.h"

#include <glib/gi18n.h>

#include "nc-window-private.h"

#include "nc-compare-view.h"
#include "nc-measure-view.h"
#include "nc-noise-view.h"
#include "nc-randomness-view.h"
#include "nc-sweep-view.h"

/* The key-flip view: which key bit to flip, above the figure. */
static GtkWidget *
build_key_flip_page (NcWindow  *self,
                     GtkWidget *view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Key bit flipped"));
  GtkWidget *scale;
  GtkWidget *spin;

  self->key_bit_adjustment = gtk_adjustment_new (0, 0, 1, 1, 8, 1);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->key_bit_adjustment);
  spin = gtk_spin_button_new (self->key_bit_adjustment, 1, 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), scale);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), scale);
  gtk_box_append (GTK_BOX (row), spin);
  gtk_widget_set_tooltip_text (row, _("Bit 0 is the lowest bit of the first key parameter"));
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), view);
  return box;
}

static void
on_attack_selected (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    NcWindow    *self)
{
  (void) pspec;
  self->figure_data.attack = gtk_drop_down_get_selected (drop_down);
  if (self->result != NULL)
    nc_figure_view_set_data (self->figure_views[NC_FIGURE_ATTACKS], &self->figure_data);
}

/* The attacks view: which attack to show, above the figure. */
static GtkWidget *
build_attacks_page (NcWindow  *self,
                    GtkWidget *view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Attack"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const NcAttack * const *attacks;
  guint n;

  attacks = nc_attacks_list (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, nc_tr (attacks[i]->name));
  self->attack_choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->attack_choice);
  gtk_widget_set_tooltip_text (row, _("The attacker has an encryption oracle for the key and the "
                                    "ciphertext, never the key; it follows the sliders"));
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), self->attack_choice);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), view);
  g_signal_connect (self->attack_choice, "notify::selected", G_CALLBACK (on_attack_selected), self);
  return box;
}

/* While a slider moves, only what is shown is measured (the full
 * analysis at rest measures everything): the attack lab for its view,
 * the key-flip pair for the Key Flip and Metrics views and for a lesson
 * step that reads it. */
void
_nc_window_sync_live_needs (NcWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->views);
  const NcLesson *lesson = self->lesson_pane != NULL ? nc_lesson_pane_get_lesson (self->lesson_pane) : NULL;
  guint step = lesson != NULL ? nc_lesson_pane_get_step (self->lesson_pane) : 0;
  gboolean key_flip;

  if (self->live == NULL)
    return;
  key_flip = g_strcmp0 (view, nc_figure_kind_to_string (NC_FIGURE_KEYFLIP)) == 0 ||
             g_strcmp0 (view, nc_figure_kind_to_string (NC_FIGURE_METRICS)) == 0 ||
             (lesson != NULL && step < lesson->n_steps && nc_lesson_step_needs (&lesson->steps[step], "key."));
  nc_live_analysis_set_attacks (self->live, g_strcmp0 (view, nc_figure_kind_to_string (NC_FIGURE_ATTACKS)) == 0);
  nc_live_analysis_set_key_flip (self->live, key_flip);
}

static void
on_visible_view (AdwViewStack *views,
                 GParamSpec   *pspec,
                 NcWindow     *self)
{
  (void) views;
  (void) pspec;
  _nc_window_sync_live_needs (self);
}

/* A cell of the comparison: its row's model and key, and the view that
 * measured the cell. */
static void
on_compare_open (NcCompareView *view,
                 const char    *engine_id,
                 NcParams      *key,
                 const char    *view_name,
                 NcWindow      *self)
{
  const NcEngine *engine = nc_engine_find (engine_id, NULL);

  (void) view;
  if (engine == NULL || key == NULL)
    return;
  _nc_window_use_params (self, engine, nc_params_copy (key));
  nc_window_show_view (self, view_name);
}

void
_nc_window_build_views (NcWindow *self)
{
  static const struct {
    NcFigureKind kind;
    const char  *title;
    const char  *icon;
  } pages[] = {
    { NC_FIGURE_HISTOGRAM, "Histograms", "view-continuous-symbolic" },
    { NC_FIGURE_SCATTER, "Correlation", "view-grid-symbolic" },
    { NC_FIGURE_KEYFLIP, "Key Flip", "dialog-password-symbolic" },
    { NC_FIGURE_METRICS, "Metrics", "view-list-symbolic" },
    { NC_FIGURE_ATTACKS, "Attacks", "dialog-warning-symbolic" },
  };
  AdwViewStackPage *page;

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *view;
      GtkWidget *child;

      if (pages[i].kind == NC_FIGURE_METRICS)
        {
          /* A list, not a picture: read, selected and copied. */
          self->metrics_list = NC_METRICS_LIST (nc_metrics_list_new ());
          page = adw_view_stack_add_titled (self->views, GTK_WIDGET (self->metrics_list),
                                            nc_figure_kind_to_string (pages[i].kind), pages[i].title);
          adw_view_stack_page_set_icon_name (page, pages[i].icon);
          continue;
        }
      view = child = nc_figure_view_new (pages[i].kind);
      self->figure_views[pages[i].kind] = NC_FIGURE_VIEW (view);
      if (pages[i].kind == NC_FIGURE_KEYFLIP)
        child = build_key_flip_page (self, view);
      else if (pages[i].kind == NC_FIGURE_ATTACKS)
        child = build_attacks_page (self, view);
      page = adw_view_stack_add_titled (self->views, child, nc_figure_kind_to_string (pages[i].kind),
                                        pages[i].title);
      adw_view_stack_page_set_icon_name (page, pages[i].icon);
    }

  {
    static const struct {
      NcStudyKind kind;
      const char *name, *title, *icon;
    } studies[] = {
      { NC_STUDY_COMPARE, "compare", "Compare", "view-list-symbolic" },
      { NC_STUDY_SWEEP, "sweep", "Sweep", "media-playlist-shuffle-symbolic" },
      { NC_STUDY_NOISE, "noise", "Noise", "weather-storm-symbolic" },
      { NC_STUDY_RANDOMNESS, "randomness", "Randomness", "view-reveal-symbolic" },
      { NC_STUDY_MEASURE, "measure", "Measure", "edit-copy-symbolic" },
    };
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *switcher = adw_view_switcher_new ();

    self->studies = ADW_VIEW_STACK (adw_view_stack_new ());
    gtk_widget_set_vexpand (GTK_WIDGET (self->studies), TRUE);
    for (gsize i = 0; i < G_N_ELEMENTS (studies); i++)
      {
        GtkWidget *view = NULL;

        if (studies[i].kind == NC_STUDY_SWEEP)
          view = nc_sweep_view_new ();
        else if (studies[i].kind == NC_STUDY_NOISE)
          view = nc_noise_view_new ();
        else if (studies[i].kind == NC_STUDY_RANDOMNESS)
          view = nc_randomness_view_new ();
        else if (studies[i].kind == NC_STUDY_MEASURE)
          view = nc_measure_view_new ();
        else if (studies[i].kind == NC_STUDY_COMPARE)
          {
            view = nc_compare_view_new ();
            g_signal_connect (view, "open", G_CALLBACK (on_compare_open), self);
          }
        self->study_views[studies[i].kind] = NC_STUDY (view);
        page = adw_view_stack_add_titled (self->studies, view, studies[i].name, studies[i].title);
        adw_view_stack_page_set_icon_name (page, studies[i].icon);
      }
    adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->studies);
    adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
    gtk_widget_set_halign (switcher, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (box), switcher);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->studies));
    page = adw_view_stack_add_titled (self->views, box, NC_WINDOW_STUDIES_PAGE, _("Studies"));
    adw_view_stack_page_set_icon_name (page, "applications-science-symbolic");
  }

  self->training_view = NC_TRAINING_VIEW (nc_training_view_new ());
  page = adw_view_stack_add_titled (self->views, GTK_WIDGET (self->training_view),
                                    NC_WINDOW_TRAINING_PAGE, _("GAN Training"));
  adw_view_stack_page_set_icon_name (page, "media-playback-start-symbolic");
  g_signal_connect (self->views, "notify::visible-child-name", G_CALLBACK (on_visible_view), self);
  _nc_window_sync_live_needs (self);
}

gboolean
_nc_window_training_visible (NcWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->views), NC_WINDOW_TRAINING_PAGE) == 0;
}

/* Returns: the figure the visible view shows (the histograms when it
 * shows none) */
NcFigureKind
_nc_window_visible_figure (NcWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->views);
  NcFigureKind kind = NC_FIGURE_HISTOGRAM;

  nc_figure_kind_from_string (name, &kind, NULL);
  return kind;
}

/* The studies measure the window's image and key. */
void
_nc_window_sync_studies (NcWindow *self)
{
  for (guint i = 0; i < NC_N_STUDIES; i++)
    if (self->study_views[i] != NULL)
      nc_study_set_inputs (self->study_views[i], self->image, self->engine, self->params);
}

void
_nc_window_cancel_studies (NcWindow *self)
{
  for (guint i = 0; i < NC_N_STUDIES; i++)
    if (self->study_views[i] != NULL)
      nc_study_cancel (self->study_views[i]);
}
