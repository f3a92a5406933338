/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The comparison: every engine and variant measured on one image (the
 * full analysis, attacks included), and the review's conclusions checked
 * against the rows. */
#pragma once

#include "nc-metric-suite.h"

G_BEGIN_DECLS

typedef struct {
  const NcEngine *engine;
  guint64         variant;
  char           *variant_id;      /* "" for an engine without variants */
  char           *label;           /* "Hopfield network — hybrid" */
  NcAnalysis      analysis;        /* NC_ANALYSIS_FULL */
  /* Read off the analysis: */
  gboolean        key_sensitive;   /* key-bit NPCR ≥ 99 % and UACI ≥ 30 % */
  gboolean        uncorrelated;    /* no correlation at α = 0.05, Bonferroni
                                    * over the channels and directions */
  double          correlation[3];  /* per direction, mean over channels */
  guint           n_broken;
  char           *broken_by;       /* the attacks' names, or NULL */
  double          seconds;         /* the row's whole analysis */
} NcCompareRow;

typedef enum {
  NC_CLAIM_SUPPORTED,
  NC_CLAIM_CONTRADICTED,
  NC_CLAIM_DEPENDS,
  NC_CLAIM_NOT_SHOWN,
  NC_CLAIM_NOT_TESTED,
} NcClaimOutcome;

const char *nc_claim_outcome_to_string (NcClaimOutcome outcome);

/* A conclusion of the review, checked on the rows of one family (or on
 * every row, @family −1). */
typedef struct {
  const char     *id;
  const char     *claim;        /* the review's words, paraphrased briefly */
  const char     *source;       /* where the review says it */
  int             family;       /* an NcFamily, or −1 for all rows */
  NcClaimOutcome  outcome;
  char           *reason;       /* what the rows showed */
} NcClaim;

typedef struct {
  guint         n_rows;
  NcCompareRow *rows;
  guint         n_claims;
  NcClaim      *claims;
  guint64       key_seed;     /* 0: the engines' default keys */
  double        seconds;
} NcComparison;

/* Called after each row (from the thread that measured it, one at a
 * time). */
typedef void (*NcCompareProgress) (guint               done,
                                   guint               total,
                                   const NcCompareRow *row,
                                   gpointer            data);

NcComparison *nc_compare_run   (const NcImage      *plain,
                                const char * const *engine_ids,
                                guint64             key_seed,
                                NcCompareProgress   progress,
                                gpointer            progress_data,
                                GCancellable       *cancellable,
                                GError            **error);
void          nc_comparison_free (NcComparison     *comparison);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NcComparison, nc_comparison_free)

gboolean      nc_analysis_uncorrelated (const NcAnalysis *analysis);

NcParams     *nc_compare_key   (const NcEngine     *engine,
                                guint64             variant,
                                guint64             key_seed,
                                GError            **error);

G_END_DECLS
