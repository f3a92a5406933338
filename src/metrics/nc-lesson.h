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
  guint          train_epochs; /* Train=N: the generators trained from scratch, N epochs */
  gboolean       shipped;      /* Weights=shipped: the shipped generators again */
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

/* Measures no analysis holds: the discriminator's accuracy of the
 * training a step ran (%, NAN without one) and how many NIST SP 800-22
 * rows the key's keystream fails (NAN when not run). */
typedef struct {
  double gan_accuracy;
  double nist_failed;
} NcLessonExtras;

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

/* The built-in lessons, in their order, then the lecturers' own
 * (the .lesson files of $XDG_DATA_HOME/neurocipher/lessons). */
GPtrArray *nc_lessons_load        (GPtrArray      **problems,
                                   GError         **error);
NcLesson  *nc_lesson_load_file    (const char      *path,
                                   GError         **error);
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
                                   const NcLessonExtras *extras,
                                   const char       *measure);
/* Whether the step shown after @n_steps steps names a measure starting
 * with @prefix. */
gboolean   nc_lesson_step_needs   (const NcLessonStep *step,
                                   const char       *prefix);
/* The step whose generators the key after @n_steps steps runs with: the
 * last Train or Weights step so far, or -1 for the shipped ones. */
int        nc_lesson_training_step (const NcLesson  *lesson,
                                    guint            n_steps);
/* NIST SP 800-22 rows failed by the key's keystream (one sequence of
 * 10^6 bits), for nist.failed. */
double     nc_lesson_nist_failed  (const NcEngine   *engine,
                                   const NcParams   *key,
                                   GCancellable     *cancellable,
                                   GError          **error);
gboolean   nc_lesson_expectation_holds (const NcExpectation *expectation,
                                        double               measured);
char      *nc_expectation_describe (const NcExpectation *expectation,
                                    double               measured);
/* A lesson run headless on one image: the steps in turn, the training a
 * step asks for done once and kept for the steps after it. */
typedef struct _NcLessonRun NcLessonRun;

NcLessonRun *nc_lesson_run_new   (const NcLesson      *lesson,
                                  const NcImage       *image);
void       nc_lesson_run_free     (NcLessonRun      *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcLessonRun, nc_lesson_run_free)
gboolean   nc_lesson_run_step     (NcLessonRun      *run,
                                   guint             step,
                                   NcExpectationResult *results,
                                   NcAnalysis       *out_analysis,
                                   GCancellable     *cancellable,
                                   GError          **error);

G_END_DECLS
