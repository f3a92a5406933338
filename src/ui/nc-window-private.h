/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window's parts share: the structure, and the functions one
 * part calls in another. nc-window.c holds the object and the live
 * analysis' results; nc-window-actions.c the actions; nc-window-open.c
 * opening images (chooser, drag and drop, samples); nc-window-export.c
 * figures and panes; nc-window-models.c the model menu; nc-window-views.c
 * the analysis views. */
#pragma once

#include "nc-window.h"

#include "nc-figure-view.h"
#include "nc-image-view.h"
#include "nc-lesson-pane.h"
#include "nc-live-analysis.h"
#include "nc-metrics-list.h"
#include "nc-param-panel.h"
#include "nc-study.h"
#include "nc-training-view.h"

G_BEGIN_DECLS

#define NC_WINDOW_TRAINING_PAGE "training"
#define NC_WINDOW_STUDIES_PAGE "studies"

/* The studies, each a page of the Studies view. */
typedef enum {
  NC_STUDY_COMPARE,
  NC_STUDY_SWEEP,
  NC_STUDY_NOISE,
  NC_STUDY_RANDOMNESS,
  NC_STUDY_MEASURE,
  NC_N_STUDIES
} NcStudyKind;

/* Export targets besides the views: one pane, or the three together. */
typedef enum {
  NC_PANE_PLAIN,
  NC_PANE_CIPHER,
  NC_PANE_DECRYPTED,
  NC_PANE_ALL,
  NC_N_PANE_TARGETS
} NcPaneTarget;

struct _NcWindow {
  AdwApplicationWindow  parent_instance;

  /* From the template. */
  AdwToastOverlay      *toast_overlay;
  AdwSplitButton       *open_button;
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkStack             *stack;
  NcImageView          *plain_view;
  NcImageView          *cipher_view;
  NcImageView          *decrypted_view;
  GtkLabel             *decrypted_label;
  GtkLabel             *details_label;
  GtkMenuButton        *model_button;
  GtkLabel             *key_space_label;
  GtkWidget            *warning_box;
  GtkLabel             *warning_label;
  NcParamPanel         *param_panel;
  AdwViewStack         *views;
  GtkStack             *sidebar_stack;  /* the key; the lesson while one is open */
  GtkWidget            *sidebar_switcher;
  GtkMenuButton        *lessons_button;
  GtkMenuButton        *start_lessons_button;  /* on the start page */

  /* The analysis views (nc-window-views.c). */
  NcFigureView         *figure_views[NC_N_FIGURES];   /* none for the panes; the metrics are a list */
  NcMetricsList        *metrics_list;
  NcTrainingView       *training_view;
  GtkAdjustment        *key_bit_adjustment;
  GtkWidget            *attack_choice;
  AdwViewStack         *studies;
  NcStudy              *study_views[NC_N_STUDIES];

  /* Opening (nc-window-open.c). */
  GtkFileChooserNative *chooser;      /* the one file chooser open, if any */
  GCancellable         *load_cancellable;
  guint                 load_generation;
  GFile                *file;
  NcImage              *image;
  char                 *pending_cipher; /* chosen, its key still to come */

  /* The model and the live analysis of it. */
  const NcEngine       *engine;
  NcParams             *params;
  NcLiveAnalysis       *live;
  NcLiveResult         *result;       /* the result shown */
  NcFigureData          figure_data;  /* views into it */
  guint                 n_updates;
  char                 *effective_text; /* the last measured effective key space */
  char                 *effective_structure; /* the public parameters it was measured for */
  guint                 actions_state; /* what _nc_window_sync_actions() set */

  GCancellable         *report_cancellable; /* a report being written */
  GSettings            *settings;     /* NULL where the schema is not installed */

  /* A lesson (nc-window-lessons.c). */
  GPtrArray            *lessons;
  NcLessonPane         *lesson_pane;
  const NcEngine       *saved_engine; /* the user's own, while a lesson is open */
  NcParams             *saved_params;
  char                 *saved_view;
  guint                 saved_key_bit;  /* the lessons flip the lowest bit */
  gboolean              lesson_trained; /* the lesson ran the GAN training */
  char                 *pending_lesson; /* to open once the sample it asked for is shown */
  double                lesson_nist;    /* nist.failed of the result numbered lesson_nist_for */
  guint                 lesson_nist_for;
  guint                 result_serial;  /* counts the results shown */
  GCancellable         *lesson_cancellable; /* its NIST run */

  /* Export (nc-window-export.c): -1 for the visible view, or a pane. */
  int                   export_pane;
  double                export_width; /* points; 0 = the figure's default */
  double                export_height;
  double                export_dpi;
};

/* nc-window.c */
typedef void (*NcWindowPathFunc) (NcWindow   *self,
                                  const char *path);
void        _nc_window_attach_weights    (NcWindow        *self,
                                          const NcEngine  *engine,
                                          NcParams        *params);
void        _nc_window_use_params        (NcWindow        *self,
                                          const NcEngine  *engine,
                                          NcParams        *params);
void        _nc_window_key_changed       (NcWindow        *self);
void        _nc_window_remember_folder   (NcWindow        *self,
                                          const char      *key,
                                          GFile           *file);
void        _nc_window_recall_folder     (NcWindow        *self,
                                          const char      *key,
                                          GtkFileChooser  *chooser);
void        _nc_window_show_image        (NcWindow        *self,
                                          GFile           *file,
                                          NcImage         *image,
                                          const char      *details,
                                          const char      *conversion);
void        _nc_window_set_loading       (NcWindow        *self,
                                          GCancellable    *cancellable);
void        _nc_window_choose_path       (NcWindow        *self,
                                          GtkFileChooserAction action,
                                          const char      *title,
                                          const char      *accept,
                                          const char      *suggested,
                                          NcWindowPathFunc func);
void        _nc_window_show_message      (NcWindow        *self,
                                          const char      *heading,
                                          const char      *body);
void        _nc_window_toast             (NcWindow        *self,
                                          const char      *text);

/* nc-window-actions.c */
void        _nc_window_class_init_actions (GtkWidgetClass *widget_class);
void        _nc_window_sync_actions      (NcWindow        *self);

/* nc-window-open.c */
void        _nc_window_init_open         (NcWindow        *self);
void        _nc_window_dispose_open      (NcWindow        *self);
void        _nc_window_choose_image      (NcWindow        *self);
void        _nc_window_choose_ciphertext (NcWindow        *self);
void        _nc_window_open_sample       (NcWindow        *self,
                                          const char      *name);

/* nc-window-export.c */
void        _nc_window_ask_export        (NcWindow        *self,
                                          int              pane);
int         _nc_window_pane_from_string  (const char      *target);

/* nc-window-models.c */
GMenuModel *_nc_window_build_model_menu  (void);
void        _nc_window_sync_model_label  (NcWindow        *self);

/* nc-window-lessons.c */
void        _nc_window_class_init_lessons (GtkWidgetClass *widget_class);
void        _nc_window_init_lessons      (NcWindow        *self);
void        _nc_window_dispose_lessons   (NcWindow        *self);
void        _nc_window_update_lesson     (NcWindow        *self);
void        _nc_window_image_shown_lessons (NcWindow      *self,
                                            gboolean       shown);

/* nc-window-views.c */
void        _nc_window_build_views       (NcWindow        *self);
void        _nc_window_sync_live_needs   (NcWindow        *self);
gboolean    _nc_window_training_visible  (NcWindow        *self);
void        _nc_window_sync_studies      (NcWindow        *self);
void        _nc_window_cancel_studies    (NcWindow        *self);
NcFigureKind _nc_window_visible_figure   (NcWindow        *self);

/* For the tests only. */
gboolean    nc_window_open_lesson        (NcWindow        *self,
                                          const char      *id,
                                          GError         **error);
void        nc_window_apply_lesson_step  (NcWindow        *self,
                                          guint            step);
void        nc_window_close_lesson       (NcWindow        *self);
NcStudy    *nc_window_get_study          (NcWindow        *self,
                                          const char      *name);
NcLiveAnalysis *nc_window_get_live_analysis (NcWindow      *self);
void        nc_window_set_engine         (NcWindow        *self,
                                          const NcEngine  *engine);
GtkWidget  *nc_window_get_pane           (NcWindow        *self,
                                          guint            index);
GtkWidget  *nc_window_get_training_view  (NcWindow        *self);
GtkWidget  *nc_window_get_spinner        (NcWindow        *self);
void        nc_window_set_key_bit        (NcWindow        *self,
                                          guint            bit);

G_END_DECLS
