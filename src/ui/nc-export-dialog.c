/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Asks a figure's size in points and a PNG's resolution before Export
 * asks where to write it. Its response "export" goes on. */
#include "config.h"

#include "nc-export-dialog.h"

struct _NcExportDialog {
  AdwMessageDialog  parent_instance;

  GtkAdjustment    *width_adjustment;
  GtkAdjustment    *height_adjustment;
  GtkAdjustment    *dpi_adjustment;
};

G_DEFINE_FINAL_TYPE (NcExportDialog, nc_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
nc_export_dialog_class_init (NcExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/neurocipher/Neurocipher/ui/nc-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NcExportDialog, width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NcExportDialog, height_adjustment);
  gtk_widget_class_bind_template_child (widget_class, NcExportDialog, dpi_adjustment);
}

static void
nc_export_dialog_init (NcExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * nc_export_dialog_new:
 * @parent: the window it is for
 * @heading: what is exported ("Export View", "Export Pane")
 * @width: the figure's width in points, to start with
 * @height: its height
 * @dpi: a PNG's resolution
 */
NcExportDialog *
nc_export_dialog_new (GtkWindow  *parent,
                      const char *heading,
                      double      width,
                      double      height,
                      double      dpi)
{
  NcExportDialog *self = g_object_new (NC_TYPE_EXPORT_DIALOG, "transient-for", parent,
                                       "modal", TRUE, "destroy-with-parent", TRUE,
                                       "heading", heading, NULL);

  gtk_adjustment_set_value (self->width_adjustment, width);
  gtk_adjustment_set_value (self->height_adjustment, height);
  gtk_adjustment_set_value (self->dpi_adjustment, dpi);
  return self;
}

double
nc_export_dialog_get_width (NcExportDialog *self)
{
  return gtk_adjustment_get_value (self->width_adjustment);
}

double
nc_export_dialog_get_height (NcExportDialog *self)
{
  return gtk_adjustment_get_value (self->height_adjustment);
}

double
nc_export_dialog_get_dpi (NcExportDialog *self)
{
  return gtk_adjustment_get_value (self->dpi_adjustment);
}
