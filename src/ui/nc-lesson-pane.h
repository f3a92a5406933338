/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "nc-lesson.h"

G_BEGIN_DECLS

#define NC_TYPE_LESSON_PANE (nc_lesson_pane_get_type ())
G_DECLARE_FINAL_TYPE (NcLessonPane, nc_lesson_pane, NC, LESSON_PANE, GtkBox)

GtkWidget      *nc_lesson_pane_new         (void);
void            nc_lesson_pane_set_lesson  (NcLessonPane     *self,
                                            const NcLesson   *lesson);
const NcLesson *nc_lesson_pane_get_lesson  (NcLessonPane     *self);
guint           nc_lesson_pane_get_step    (NcLessonPane     *self);
void            nc_lesson_pane_set_step    (NcLessonPane     *self,
                                            guint             step);
void            nc_lesson_pane_update      (NcLessonPane         *self,
                                            const NcAnalysis     *analysis,
                                            const NcEngine       *engine,
                                            const NcParams       *key,
                                            const NcLessonExtras *extras);
/* For the tests: the expectation @index of the step shown, measured. */
gboolean        nc_lesson_pane_get_result  (NcLessonPane     *self,
                                            guint             index,
                                            double           *measured,
                                            gboolean         *holds);

G_END_DECLS
