/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lessons: a worked setup (engine, variant, parameters, view), a short
 * text, and steps, each with expectations that are measured on the image
 * the class looks at: a claim is shown confirmed or not, never assumed.
 * The lessons are data (the .lesson files of data/lessons, built into the library). */
#pragma once

#include <gio/gio.h>

#include "nc-metric-suite.h"

G_BEGIN_DECLS

typedef struct {
  char  *measure;      /* "key.npcr", "attack.permutation.broken", … */
  char  *op;           /* <, <=, >, >=, =, != */
  double value;        /* true is 1, false 0 */
  char  *text;         /* as written */
} NcExpectation;

typedef struct {
  char          *title;
  char          *text;
  char          *engine;       /* NULL: the lesson's engine so far */
  char         **assignments;  /* id=value, on top of what came before */
  guint          n_expectations;
  NcExpectation *expectations;
} NcLessonStep;

typedef struct {
  char          *id;
  char          *title;
  char          *text;
  char          *engine;
  char          *variant;      /* NULL: the engine's default */
  char         **assignments;
  char          *view;
  guint          n_steps;
  NcLessonStep  *steps;
} NcLesson;

/* One expectation as measured. */
typedef struct {
  const NcExpectation *expectation;
  double               measured;   /* NAN when the measure does not apply */
  gboolean             holds;
} NcExpectationResult;

NcLesson  *nc_lesson_parse        (const char      *data,
                                   gsize            length,
                                   const char      *name,
                                   GError         **error);
void       nc_lesson_free         (NcLesson        *lesson);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcLesson, nc_lesson_free)

/* The built-in lessons, in their order. */
GPtrArray *nc_lessons_load        (GError         **error);
NcLesson  *nc_lesson_find         (GPtrArray       *lessons,
                                   const char      *id);

/* The key a lesson has after its first @n_steps steps (0: its setup). */
NcParams  *nc_lesson_key          (const NcLesson  *lesson,
                                   guint            n_steps,
                                   GError         **error);
/* A measure of an analysis (full, attacks included) by name: NAN when it
 * does not apply; booleans are 1 or 0. */
double     nc_lesson_measure      (const NcAnalysis *analysis,
                                   const NcEngine   *engine,
                                   const NcParams   *key,
                                   const char       *measure);
gboolean   nc_lesson_expectation_holds (const NcExpectation *expectation,
                                        double               measured);
char      *nc_expectation_describe (const NcExpectation *expectation,
                                    double               measured);
gboolean   nc_lesson_run_step     (const NcLesson   *lesson,
                                   guint             step,
                                   const NcImage    *image,
                                   NcExpectationResult *results,
                                   NcAnalysis       *out_analysis,
                                   GCancellable     *cancellable,
                                   GError          **error);

G_END_DECLS
