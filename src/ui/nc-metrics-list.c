/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Metrics view as a list a screen reader reads and a user selects
 * and copies: one row per measure (measure, value, verdict at α = 0.05),
 * the rows the Metrics figure and the reports draw
 * (nc_figure_metrics_cells). Ctrl+C copies the selected rows, or all,
 * tab-separated for a spreadsheet. The figure stays what Export Figure
 * writes. */
#include "nc-metrics-list.h"

#include <glib/gi18n.h>

#include "nc-figures.h"

#define SEPARATOR "\x1f"

struct _NcMetricsList {
  GtkBox          parent_instance;

  GtkWidget      *title;
  GtkWidget      *column_view;
  GtkStringList  *rows;          /* "measure␟value␟verdict" */
  GtkMultiSelection *selection;
};

G_DEFINE_FINAL_TYPE (NcMetricsList, nc_metrics_list, GTK_TYPE_BOX)

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  (void) factory;
  (void) data;
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "nc-column"));
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *row = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_auto(GStrv) cells = g_strsplit (row, SEPARATOR, 3);
  const char *text = g_strv_length (cells) > column ? cells[column] : "";

  (void) data;
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  if (column == 2 && g_str_has_prefix (text, "pass"))
    gtk_widget_add_css_class (label, "success");
  else if (column == 2 && (g_str_has_prefix (text, "fail") || g_str_has_prefix (text, "BROKEN")))
    gtk_widget_add_css_class (label, "error");
}

void
nc_metrics_list_set_analysis (NcMetricsList    *self,
                              const NcAnalysis *analysis,
                              const char       *title)
{
  g_autoptr(GPtrArray) cells = analysis != NULL ? nc_figure_metrics_cells (analysis) : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) rows = NULL;

  for (guint i = 0; cells != NULL && i + 2 < cells->len; i += 3)
    {
      g_autofree char *row = g_strjoin (SEPARATOR, (const char *) cells->pdata[i],
                                        (const char *) cells->pdata[i + 1],
                                        (const char *) cells->pdata[i + 2], NULL);

      g_strv_builder_add (builder, row);
    }
  rows = g_strv_builder_end (builder);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                          (const char * const *) rows);
  gtk_label_set_text (GTK_LABEL (self->title), title != NULL ? title : "");
}

GtkSelectionModel *
nc_metrics_list_get_selection (NcMetricsList *self)
{
  return GTK_SELECTION_MODEL (self->selection);
}

char *
nc_metrics_list_dup_selected_text (NcMetricsList *self)
{
  GListModel *model = G_LIST_MODEL (self->rows);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gboolean all = gtk_bitset_is_empty (selected);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (all || gtk_bitset_contains (selected, i))
      {
        g_autoptr(GtkStringObject) row = g_list_model_get_item (model, i);
        g_auto(GStrv) cells = g_strsplit (gtk_string_object_get_string (row), SEPARATOR, 3);
        g_autofree char *line = g_strjoinv ("\t", cells);

        g_string_append_printf (text, "%s\n", line);
      }
  return g_string_free (text, FALSE);
}

static gboolean
copy_rows (GtkWidget *widget,
           GVariant  *args,
           gpointer   data)
{
  NcMetricsList *self = NC_METRICS_LIST (widget);
  g_autofree char *text = nc_metrics_list_dup_selected_text (self);

  (void) args;
  (void) data;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  return TRUE;
}

static void
nc_metrics_list_finalize (GObject *object)
{
  NcMetricsList *self = NC_METRICS_LIST (object);

  g_clear_object (&self->rows);
  G_OBJECT_CLASS (nc_metrics_list_parent_class)->finalize (object);
}

static void
nc_metrics_list_class_init (NcMetricsListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = nc_metrics_list_finalize;
  gtk_widget_class_add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, copy_rows, NULL);
}

static void
nc_metrics_list_init (NcMetricsList *self)
{
  static const struct {
    const char *title;
    gboolean    expand;
  } columns[] = {
    { N_("Measure"), TRUE },
    { N_("Value"), TRUE },
    { N_("Verdict (α = 0.05)"), FALSE },
  };
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *caption = gtk_label_new (_("Statistical tests are necessary, not sufficient: an attack can break "
                                      "what passes them all. Select rows and press Ctrl+C to copy them."));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "title-4");
  self->rows = gtk_string_list_new (NULL);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_widget_add_css_class (self->column_view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Measures and verdicts"), -1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "nc-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_expand (column, columns[c].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
      g_object_unref (column);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->column_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (self), self->title);
  gtk_box_append (GTK_BOX (self), scrolled);
  gtk_box_append (GTK_BOX (self), caption);
}

GtkWidget *
nc_metrics_list_new (void)
{
  return g_object_new (NC_TYPE_METRICS_LIST, NULL);
}
