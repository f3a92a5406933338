/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "nc-adversarial.h"

G_BEGIN_DECLS

#define NC_TYPE_TRAINING_VIEW (nc_training_view_get_type ())
G_DECLARE_FINAL_TYPE (NcTrainingView, nc_training_view, NC, TRAINING_VIEW, GtkBox)

GtkWidget *nc_training_view_new        (void);
void       nc_training_view_set_image  (NcTrainingView *self,
                                        NcImage        *image);
gboolean   nc_training_view_get_running (NcTrainingView *self);
void       nc_training_view_start      (NcTrainingView *self);
void       nc_training_view_stop       (NcTrainingView *self);
void       nc_training_view_use_shipped (NcTrainingView *self);
void       nc_training_view_train_epochs (NcTrainingView *self,
                                          guint           epochs);
double     nc_training_view_get_accuracy (NcTrainingView *self,
                                          guint           variant);
guint      nc_training_view_get_n_reports (NcTrainingView *self);
NcGanWeights *nc_training_view_get_weights (NcTrainingView *self);
/* The curves and the preview onto a ground its caller painted. */
void       nc_training_view_draw       (NcTrainingView *self,
                                        cairo_t        *cr,
                                        double          width,
                                        double          height);

G_END_DECLS
