/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report: one image, one engine and key, every figure, the metrics
 * with their verdicts, the NIST table and the attack results, as a PDF
 * of several pages or a self-contained HTML file. What a student hands in
 * and a researcher attaches. */
#pragma once

#include "nc-figures.h"
#include "nc-lesson.h"
#include "nc-randomness.h"

G_BEGIN_DECLS

typedef struct {
  char           *image_name;
  NcImage        *plain;
  const NcEngine *engine;
  NcParams       *key;
  char           *title;        /* "Hopfield network — Hybrid" */
  char           *created;      /* ISO 8601, UTC */
  NcAnalysis      analysis;     /* NC_ANALYSIS_FULL */
  NcNistReport   *nist;
} NcReport;

NcReport *nc_report_new   (const NcImage   *plain,
                           const char      *image_name,
                           const NcEngine  *engine,
                           const NcParams  *key,
                           guint            nist_sequences,
                           GCancellable    *cancellable,
                           GError         **error);
void      nc_report_free  (NcReport        *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcReport, nc_report_free)

/* Writes .pdf or .html (the extension decides), whole or not at all. */
gboolean  nc_report_write (const NcReport  *report,
                           const char      *path,
                           GError         **error);

/* A lesson's handout (PDF): the lesson run on @image, a page per step. */
gboolean  nc_handout_write (const NcLesson  *lesson,
                            const NcImage   *image,
                            const char      *image_name,
                            const char      *path,
                            GCancellable    *cancellable,
                            GError         **error);

/* The pages of the PDF, for the tests. */
guint     nc_report_n_pages (const NcReport *report);

G_END_DECLS
