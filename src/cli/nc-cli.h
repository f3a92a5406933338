/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "nc-adversarial.h"
#include "nc-attack.h"
#include "nc-ciphertext.h"
#include "nc-metrics.h"
#include "nc-engine.h"
#include "nc-i18n.h"
#include "nc-lesson.h"

G_BEGIN_DECLS

/* Exit statuses of every subcommand. */
enum {
  NC_EXIT_OK = 0,
  NC_EXIT_BAD_INPUT = 1,
  NC_EXIT_USAGE = 2,
};

typedef int (*NcCliCommandFunc) (int argc, char **argv);

int             nc_cli_info       (int argc, char **argv);
int             nc_cli_engines    (int argc, char **argv);
int             nc_cli_keygen     (int argc, char **argv);
int             nc_cli_encrypt    (int argc, char **argv);
int             nc_cli_decrypt    (int argc, char **argv);
int             nc_cli_bench      (int argc, char **argv);
int             nc_cli_analyze    (int argc, char **argv);
int             nc_cli_figure     (int argc, char **argv);
int             nc_cli_train_gan  (int argc, char **argv);
int             nc_cli_attack     (int argc, char **argv);
int             nc_cli_measure    (int argc, char **argv);
int             nc_cli_randomness (int argc, char **argv);
int             nc_cli_compare    (int argc, char **argv);
int             nc_cli_sweep      (int argc, char **argv);
int             nc_cli_noise      (int argc, char **argv);
int             nc_cli_report     (int argc, char **argv);
int             nc_cli_lesson     (int argc, char **argv);
int             nc_cli_keystream  (int argc, char **argv);

GOptionContext *nc_cli_context_new (const char         *command,
                                    const char         *parameters,
                                    const char         *summary,
                                    const GOptionEntry *entries);
gboolean        nc_cli_parse       (GOptionContext     *context,
                                    int                *argc,
                                    char             ***argv,
                                    int                *out_status);
int             nc_cli_usage       (GOptionContext     *context,
                                    const char         *format,
                                    ...) G_GNUC_PRINTF (2, 3);
int             nc_cli_fail        (const GError       *error);
/* The lessons (built-in and the lecturers' own, whose problems are
 * printed as warnings) and the one NAME names: an id, or the path of a
 * .lesson file. NULL with @error when there is none. */
const NcLesson *nc_cli_find_lesson (const char         *name,
                                    GPtrArray         **lessons,
                                    GError            **error);
/* The image a lesson runs on: @given, or the bundled camera.png. */
char           *nc_cli_lesson_image (const char        *given);
/* The version of every --json output's shape. */
#define NC_CLI_JSON_FORMAT 1

void            nc_cli_print_json  (JsonBuilder        *builder);
void            nc_cli_print_json_list (JsonBuilder    *builder,
                                    const char         *name);
void            nc_cli_add_attack_json (JsonBuilder    *builder,
                                    const NcAttackResult *result);
void            nc_cli_print_attack (const NcAttackResult *result);
void            nc_cli_add_number  (JsonBuilder        *builder,
                                    const char         *name,
                                    double              value);
void            nc_cli_add_pass    (JsonBuilder        *builder,
                                    const char         *name,
                                    const NcVerdict    *verdict);
void            nc_cli_add_differential_json (JsonBuilder *builder,
                                    const char         *name,
                                    const NcDifferential *d,
                                    const NcDifferentialVerdicts *verdicts);
void            nc_cli_print_differential (const char *title,
                                    const NcDifferential *d,
                                    const NcDifferentialVerdicts *verdicts);
void            nc_cli_attach_weights (NcParams        *key);
gboolean        nc_cli_check_new_file (const char      *path,
                                    gboolean            force,
                                    const char         *what,
                                    GError            **error);
void            nc_cli_keep_sets   (NcParams           *params,
                                    gpointer            assignments);
gboolean        nc_cli_apply_sets  (NcParams           *params,
                                    char              **assignments,
                                    GError            **error);
gboolean        nc_cli_resolve_key (const char         *engine_id,
                                    const char         *key_path,
                                    char              **assignments,
                                    const char         *fallback_engine,
                                    NcParams          **out_key,
                                    GError            **error);

extern const GOptionEntry nc_cli_image_entries[];

G_END_DECLS
