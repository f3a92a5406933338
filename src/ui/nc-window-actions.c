/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions: one handler each, enabled from the window's
 * state (_nc_window_sync_actions()) rather than returning when there is
 * nothing to act on. */
#include "config.h"

#include <glib/gi18n.h>

#include "nc-guide-window.h"
#include "nc-window-private.h"

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_image (NC_WINDOW (widget));
}

static void
show_guide_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  gtk_window_present (GTK_WINDOW (nc_guide_window_new (GTK_WINDOW (widget))));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  (void) action_name;
  _nc_window_open_sample (NC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
model_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_auto(GStrv) parts = g_strsplit (g_variant_get_string (parameter, NULL), ":", 2);
  g_autoptr(GError) error = NULL;

  (void) action_name;
  if (!nc_window_set_model (NC_WINDOW (widget), parts[0], parts[1], &error))
    _nc_window_toast (NC_WINDOW (widget), error->message);
}

static void
randomize_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NcWindow *self = NC_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  (void) action_name;
  (void) parameter;
  /* Never a weak key: drawn again until the weak-key check passes. */
  if (!nc_engine_draw_key (self->engine, self->params, NULL, NULL, NULL, FALSE, &error))
    _nc_window_toast (self, error->message);
  nc_param_panel_refresh (self->param_panel);
  _nc_window_key_changed (self);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NcWindow *self = NC_WINDOW (widget);

  (void) action_name;
  (void) parameter;
  _nc_window_use_params (self, self->engine, nc_engine_new_params (self->engine));
}

static void
load_key (NcWindow   *self,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  NcParams *params = nc_engine_load_key (NULL, path, &error);

  if (params == NULL)
    _nc_window_show_message (self, _("Could Not Load the Key"), error->message);
  else
    _nc_window_use_params (self, nc_engine_for_params (params), params);
}

static void
load_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_path (NC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Load Key"), _("_Open"),
                          NULL, load_key);
}

static void
save_key (NcWindow   *self,
          const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!nc_params_save_key_file (self->params, path, &error))
    _nc_window_show_message (self, _("Could Not Save the Key"), error->message);
  else
    _nc_window_toast (self, _("Key saved"));
}

static void
save_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_path (NC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Key"), _("_Save"),
                          "key.nckey", save_key);
}

static void
export_view_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_ask_export (NC_WINDOW (widget), -1);
}

static void
export_pane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  int pane = _nc_window_pane_from_string (g_variant_get_string (parameter, NULL));

  (void) action_name;
  if (pane >= 0)
    _nc_window_ask_export (NC_WINDOW (widget), pane);
}

static void
export_all (NcWindow   *self,
            const char *dir)
{
  g_autoptr(GError) error = NULL;

  if (!nc_window_export_all (self, dir, &error))
    _nc_window_show_message (self, _("Could Not Export"), error->message);
  else
    _nc_window_toast (self, _("Figures written"));
}

static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_path (NC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                          _("Export All Figures to a Folder"), _("_Export"), NULL, export_all);
}

static void
report_written (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  NcWindow *self = NC_WINDOW (source);
  g_autoptr(GError) error = NULL;

  (void) data;
  if (!nc_window_export_report_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _nc_window_show_message (self, _("Could Not Write the Report"), error->message);
    }
  else
    _nc_window_toast (self, _("Report written"));
}

static void
export_report (NcWindow   *self,
               const char *path)
{
  _nc_window_toast (self, _("Measuring everything for the report…"));
  nc_window_export_report_async (self, path, self->report_cancellable, report_written, NULL);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_path (NC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE,
                          _("Export Report (.pdf or .html)"), _("_Export"), "report.pdf", export_report);
}

static void
copy_figure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  (void) action_name;
  (void) parameter;
  if (!nc_window_copy_figure (NC_WINDOW (widget), &error))
    _nc_window_toast (NC_WINDOW (widget), error->message);
  else
    _nc_window_toast (NC_WINDOW (widget), _("Figure copied (PNG and SVG)"));
}

static void
copy_measures_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  (void) action_name;
  (void) parameter;
  if (!nc_window_copy_measures (NC_WINDOW (widget), &error))
    _nc_window_toast (NC_WINDOW (widget), error->message);
  else
    _nc_window_toast (NC_WINDOW (widget), _("Measures copied as tab-separated text"));
}

static void
save_ciphertext (NcWindow   *self,
                 const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!nc_window_save_ciphertext (self, path, &error))
    _nc_window_show_message (self, _("Could Not Save the Ciphertext"), error->message);
  else
    _nc_window_toast (self, _("Ciphertext saved: decrypt it with its key"));
}

static void
save_ciphertext_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_path (NC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Ciphertext"),
                          _("_Save"), "ciphertext.png", save_ciphertext);
}

static void
save_decrypted (NcWindow   *self,
                const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!nc_window_save_decrypted (self, path, &error))
    _nc_window_show_message (self, _("Could Not Save the Image"), error->message);
  else
    _nc_window_toast (self, _("Decrypted image saved"));
}

static void
save_decrypted_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_path (NC_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("Save Decrypted Image"),
                          _("_Save"), "decrypted.png", save_decrypted);
}

static void
open_ciphertext_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  (void) action_name;
  (void) parameter;
  _nc_window_choose_ciphertext (NC_WINDOW (widget));
}

void
_nc_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.show-guide", NULL, show_guide_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", "s", open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.model", "s", model_action);
  gtk_widget_class_install_action (widget_class, "win.randomize-key", NULL, randomize_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.load-key", NULL, load_key_action);
  gtk_widget_class_install_action (widget_class, "win.save-key", NULL, save_key_action);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL, export_view_action);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_all_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure", NULL, copy_figure_action);
  gtk_widget_class_install_action (widget_class, "win.copy-measures", NULL, copy_measures_action);
  gtk_widget_class_install_action (widget_class, "win.export-pane", "s", export_pane_action);
  gtk_widget_class_install_action (widget_class, "win.save-ciphertext", NULL, save_ciphertext_action);
  gtk_widget_class_install_action (widget_class, "win.save-decrypted", NULL, save_decrypted_action);
  gtk_widget_class_install_action (widget_class, "win.open-ciphertext", NULL, open_ciphertext_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.randomize-key", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-figure", NULL);
}

/* What can be done now: the key actions need a model, saving and export
 * a result. */
void
_nc_window_sync_actions (NcWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_model = self->params != NULL;
  gboolean has_result = self->result != NULL;
  guint state = (has_model ? 1u : 0u) | (has_result ? 2u : 0u) | 4u;

  /* Every result comes here: tell the menus only of a change. */
  if (state == self->actions_state)
    return;
  self->actions_state = state;
  gtk_widget_action_set_enabled (widget, "win.randomize-key", has_model);
  gtk_widget_action_set_enabled (widget, "win.reset", has_model);
  gtk_widget_action_set_enabled (widget, "win.save-key", has_model);
  gtk_widget_action_set_enabled (widget, "win.export-view", has_result);
  gtk_widget_action_set_enabled (widget, "win.export-all", has_result);
  gtk_widget_action_set_enabled (widget, "win.export-report", has_result);
  gtk_widget_action_set_enabled (widget, "win.copy-figure", has_result);
  gtk_widget_action_set_enabled (widget, "win.copy-measures", has_result);
  gtk_widget_action_set_enabled (widget, "win.export-pane", has_result);
  gtk_widget_action_set_enabled (widget, "win.save-ciphertext", has_result);
  gtk_widget_action_set_enabled (widget, "win.save-decrypted", has_result);
}
