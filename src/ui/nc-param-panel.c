/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parameter panel, built from an engine's parameter specs: a slider
 * and an exact-value spin button per number, a drop-down per choice, a
 * switch per flag, grouped into Key and Structure. Nothing about a
 * parameter is written here: range, step, unit and help come from its
 * spec. The panel writes into the NcParams it shows and emits "changed". */
#include "nc-param-panel.h"

#include <glib/gi18n.h>

#include <adwaita.h>
#include <math.h>

struct _NcParamPanel {
  GtkBox     parent_instance;
  NcParams  *params;        /* not owned */
  GtkWidget *key_group;
  GtkWidget *structure_group;
  GPtrArray *rows;          /* the rows shown, to remove them */
  GPtrArray *editors;       /* per spec index: its GtkAdjustment, GtkDropDown or GtkSwitch, or NULL */
  gboolean   updating;
};

G_DEFINE_FINAL_TYPE (NcParamPanel, nc_param_panel, GTK_TYPE_BOX)

enum {
  CHANGED,
  STRUCTURE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
spec_index (GObject *editor)
{
  return GPOINTER_TO_UINT (g_object_get_data (editor, "nc-spec-index"));
}

static gboolean
refresh_later (gpointer data)
{
  nc_param_panel_refresh (data);
  return G_SOURCE_REMOVE;
}

static void
set_level (NcParamPanel *self,
           guint         index,
           guint64       level)
{
  const NcParamSpec *spec = &nc_params_get_schema (self->params)->specs[index];

  if (self->updating || nc_params_get_level (self->params, index) == level)
    return;
  nc_params_set_level (self->params, index, level, NULL);
  if (g_strcmp0 (spec->id, NC_PARAM_VARIANT_ID) == 0)
    {
      /* Other parameters apply to other variants: rebuild after this
       * handler returns, not under the widget that called it. */
      g_idle_add_full (G_PRIORITY_DEFAULT, refresh_later, g_object_ref (self), g_object_unref);
      g_signal_emit (self, signals[STRUCTURE_CHANGED], 0);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_adjustment_changed (GtkAdjustment *adjustment,
                       NcParamPanel  *self)
{
  guint index = spec_index (G_OBJECT (adjustment));
  const NcParamSpec *spec = &nc_params_get_schema (self->params)->specs[index];
  guint64 levels = nc_param_spec_levels (spec);
  double position = (gtk_adjustment_get_value (adjustment) - spec->min) / spec->step;
  guint64 level = (guint64) CLAMP (floor (position + 0.5), 0.0, (double) (levels - 1));

  set_level (self, index, level);
}

static void
on_dropdown_changed (GtkDropDown  *dropdown,
                     GParamSpec   *pspec,
                     NcParamPanel *self)
{
  (void) pspec;
  set_level (self, spec_index (G_OBJECT (dropdown)), gtk_drop_down_get_selected (dropdown));
}

static void
on_switch_changed (GtkSwitch    *sw,
                   GParamSpec   *pspec,
                   NcParamPanel *self)
{
  (void) pspec;
  set_level (self, spec_index (G_OBJECT (sw)), gtk_switch_get_active (sw) ? 1 : 0);
}

static int
digits_for (const NcParamSpec *spec)
{
  return spec->kind == NC_PARAM_REAL ? (int) CLAMP (ceil (-log10 (spec->step) - 1e-9), 0, 12) : 0;
}

static gpointer
number_editor (NcParamPanel      *self,
               const NcParamSpec *spec,
               guint              index,
               GtkWidget         *row)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (nc_params_get_value (self->params, index),
                                                  spec->min, spec->max, spec->step,
                                                  (spec->max - spec->min) / 100.0, 0);
  GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adjustment);
  GtkWidget *spin = gtk_spin_button_new (adjustment, spec->step, (guint) digits_for (spec));

  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_size_request (scale, 110, -1);
  gtk_widget_set_valign (scale, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin),
                                spec->kind == NC_PARAM_REAL
                                ? MIN (13, digits_for (spec) + 3)
                                : (int) MIN (16.0, floor (log10 (MAX (fabs (spec->max), 1.0))) + 2));
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  nc_tr (spec->label), -1);
  {
    g_autofree char *exact = g_strdup_printf (_("%s, exact value"), nc_tr (spec->label));

    gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, exact,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, nc_tr (spec->help), -1);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), scale);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_object_set_data (G_OBJECT (adjustment), "nc-spec-index", GUINT_TO_POINTER (index));
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  return adjustment;
}

static gpointer
choice_editor (NcParamPanel      *self,
               const NcParamSpec *spec,
               guint              index,
               GtkWidget         *row)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint64 i = 0; i < nc_param_spec_levels (spec); i++)
    gtk_string_list_append (labels, nc_tr (spec->choices[i].label));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) nc_params_get_level (self->params, index));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, nc_tr (spec->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, nc_tr (spec->help), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  g_object_set_data (G_OBJECT (dropdown), "nc-spec-index", GUINT_TO_POINTER (index));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_dropdown_changed), self);
  return dropdown;
}

static gpointer
flag_editor (NcParamPanel *self,
             guint         index,
             GtkWidget    *row)
{
  GtkWidget *sw = gtk_switch_new ();
  const NcParamSpec *spec = &nc_params_get_schema (self->params)->specs[index];

  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, nc_tr (spec->label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, nc_tr (spec->help), -1);

  gtk_switch_set_active (GTK_SWITCH (sw), nc_params_get_level (self->params, index) != 0);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_object_set_data (G_OBJECT (sw), "nc-spec-index", GUINT_TO_POINTER (index));
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_switch_changed), self);
  return sw;
}

static void
clear_rows (NcParamPanel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->editors, 0);
}

/**
 * nc_param_panel_refresh:
 * @self: the panel
 *
 * Rebuilds the rows for the parameters active in the current variant.
 */
void
nc_param_panel_refresh (NcParamPanel *self)
{
  const NcParamSchema *schema;

  clear_rows (self);
  if (self->params == NULL)
    return;
  schema = nc_params_get_schema (self->params);
  g_ptr_array_set_size (self->editors, schema->n_specs);
  for (guint i = 0; i < schema->n_specs; i++)
    {
      const NcParamSpec *spec = &schema->specs[i];
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!nc_params_is_active (self->params, i))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), nc_tr (spec->label));
      subtitle = g_strdup_printf ("%s%s%s · %u bits", spec->id, *spec->unit ? ", " : "",
                                  nc_tr (spec->unit), nc_param_spec_bits (spec));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, nc_tr (spec->help));
      switch (spec->kind)
        {
        case NC_PARAM_CHOICE:
          self->editors->pdata[i] = choice_editor (self, spec, i, row);
          break;
        case NC_PARAM_FLAG:
          self->editors->pdata[i] = flag_editor (self, i, row);
          break;
        case NC_PARAM_REAL:
        case NC_PARAM_INT:
        default:
          self->editors->pdata[i] = number_editor (self, spec, i, row);
          break;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (spec->in_key ? self->key_group
                                                                     : self->structure_group), row);
      g_ptr_array_add (self->rows, row);
    }
}

void
nc_param_panel_set_params (NcParamPanel *self,
                           NcParams     *params)
{
  g_return_if_fail (NC_IS_PARAM_PANEL (self));
  self->params = params;
  nc_param_panel_refresh (self);
}

guint
nc_param_panel_get_n_rows (NcParamPanel *self)
{
  return self->rows->len;
}

/**
 * nc_param_panel_set_value:
 * @self: the panel
 * @id: a parameter shown by the panel
 * @value: the value, snapped to the parameter's grid
 *
 * Moves the parameter's editor as a person would, so "changed" follows.
 *
 * Returns: whether the parameter is shown
 */
gboolean
nc_param_panel_set_value (NcParamPanel *self,
                          const char   *id,
                          double        value)
{
  int index = self->params != NULL ? nc_params_find (self->params, id) : -1;
  GObject *editor;

  if (index < 0 || (guint) index >= self->editors->len || self->editors->pdata[index] == NULL)
    return FALSE;
  editor = self->editors->pdata[index];
  if (GTK_IS_ADJUSTMENT (editor))
    gtk_adjustment_set_value (GTK_ADJUSTMENT (editor), value);
  else if (GTK_IS_DROP_DOWN (editor))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (editor), (guint) value);
  else
    gtk_switch_set_active (GTK_SWITCH (editor), value != 0);
  return TRUE;
}

static void
nc_param_panel_dispose (GObject *object)
{
  NcParamPanel *self = NC_PARAM_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  G_OBJECT_CLASS (nc_param_panel_parent_class)->dispose (object);
}

static void
nc_param_panel_class_init (NcParamPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = nc_param_panel_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STRUCTURE_CHANGED] = g_signal_new ("structure-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
}

static void
nc_param_panel_init (NcParamPanel *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);
  self->rows = g_ptr_array_new ();
  self->editors = g_ptr_array_new ();
  self->key_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->key_group), _("Key"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->key_group),
                                         _("Secret: these make the keystream"));
  self->structure_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->structure_group), _("Structure"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->structure_group),
                                         _("Public: variant, stages and sizes"));
  gtk_box_append (GTK_BOX (self), self->key_group);
  gtk_box_append (GTK_BOX (self), self->structure_group);
}

GtkWidget *
nc_param_panel_new (void)
{
  return g_object_new (NC_TYPE_PARAM_PANEL, NULL);
}
