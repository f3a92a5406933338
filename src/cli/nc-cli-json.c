/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON output. json-glib builds the tree; it is written here because
 * json-glib 1.6's generator writes numbers in exponent form as invalid
 * JSON ("1e-10.0"). */
#include "nc-cli.h"

#include <math.h>
#include <stdio.h>

static void write_node (GString *out, JsonNode *node, int depth);

static void
indent (GString *out,
        int      depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The shortest decimal that reads back to the same double. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      write_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
}

static void
write_node (GString  *out,
            JsonNode *node,
            int       depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *m = members; m != NULL; m = m->next)
          {
            indent (out, depth + 1);
            write_string (out, m->data);
            g_string_append (out, ": ");
            write_node (out, json_object_get_member (object, m->data), depth + 1);
            if (m->next != NULL)
              g_string_append_c (out, ',');
          }
        if (members != NULL)
          indent (out, depth);
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            indent (out, depth + 1);
            write_node (out, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        if (n > 0)
          indent (out, depth);
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

void
nc_cli_print_json (JsonBuilder *builder)
{
  nc_cli_print_json_list (builder, NULL);
}

/**
 * nc_cli_print_json_list:
 * @name: (nullable): what a list at the root is called
 *
 * Prints the builder's tree as one object whose first member is
 * "format": 1 (the version of these outputs); a list at the root becomes
 * the object's member @name.
 */
void
nc_cli_print_json_list (JsonBuilder *builder,
                        const char  *name)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonNode) wrapped = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  json_object_set_int_member (object, "format", NC_CLI_JSON_FORMAT);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (root));

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "format"))
          json_object_set_member (object, l->data,
                                  json_node_copy (json_object_get_member (json_node_get_object (root), l->data)));
    }
  else
    json_object_set_member (object, name != NULL ? name : "items", json_node_copy (root));
  json_node_set_object (wrapped, object);
  write_node (out, wrapped, 0);
  printf ("%s\n", out->str);
}

/* One attack's result, as an object. */
void
nc_cli_add_attack_json (JsonBuilder          *b,
                        const NcAttackResult *r)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "attack");
  json_builder_add_string_value (b, r->attack);
  json_builder_set_member_name (b, "broken");
  json_builder_add_boolean_value (b, r->broken);
  json_builder_set_member_name (b, "chosen_images");
  json_builder_add_int_value (b, r->chosen_images);
  json_builder_set_member_name (b, "oracle_calls");
  json_builder_add_int_value (b, r->oracle_calls);
  json_builder_set_member_name (b, "recovered_share");
  if (isfinite (r->recovered_share))
    json_builder_add_double_value (b, r->recovered_share);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "estimate");
  json_builder_add_boolean_value (b, r->estimate);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, r->seconds);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, r->summary);
  json_builder_end_object (b);
}

/* One attack's result, as two lines of text. */
void
nc_cli_print_attack (const NcAttackResult *r)
{
  g_autofree char *read = isfinite (r->recovered_share)
    ? g_strdup_printf (_("%.2f %% of the target recovered exactly"), 100.0 * r->recovered_share)
    : g_strdup ("nothing of the target read");

  const char *status = r->estimate ? (r->broken ? "WITHIN REACH (an estimate)"
                                                 : "out of reach (an estimate)")
                                   : (r->broken ? "BROKEN" : "not broken");

  printf (_("%-15s %s: %u images asked of the oracle, %s, %.3f s\n                %s\n"), r->attack,
          status, r->oracle_calls, read, r->seconds, r->summary);
}

/* A number; null where it is not finite. */
void
nc_cli_add_number (JsonBuilder *b,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* true or false; null where the test does not apply. */
void
nc_cli_add_pass (JsonBuilder     *b,
                 const char      *name,
                 const NcVerdict *v)
{
  json_builder_set_member_name (b, name);
  if (v->outcome == NC_OUTCOME_NOT_APPLICABLE)
    json_builder_add_null_value (b);
  else
    json_builder_add_boolean_value (b, v->outcome == NC_OUTCOME_PASS);
}

/* NPCR and UACI with their verdicts at each α, as member @name. */
void
nc_cli_add_differential_json (JsonBuilder                  *b,
                              const char                   *name,
                              const NcDifferential         *d,
                              const NcDifferentialVerdicts *v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  nc_cli_add_number (b, "npcr", d->npcr);
  nc_cli_add_number (b, "uaci", d->uaci);
  json_builder_set_member_name (b, "tests");
  json_builder_begin_array (b);
  for (int i = 0; i < NC_N_ALPHAS; i++)
    {
      json_builder_begin_object (b);
      nc_cli_add_number (b, "alpha", v->npcr[i].alpha);
      nc_cli_add_number (b, "npcr_critical", v->npcr[i].low);
      nc_cli_add_pass (b, "npcr_pass", &v->npcr[i]);
      nc_cli_add_number (b, "uaci_low", v->uaci[i].low);
      nc_cli_add_number (b, "uaci_high", v->uaci[i].high);
      nc_cli_add_pass (b, "uaci_pass", &v->uaci[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* NPCR and UACI with their verdicts at each α, as text. */
void
nc_cli_print_differential (const char                   *title,
                           const NcDifferential         *d,
                           const NcDifferentialVerdicts *v)
{
  printf (_("%s: NPCR %.4f %%, UACI %.4f %% (expected %.4f %% and %.4f %%)\n"), title, d->npcr,
          d->uaci, NC_NPCR_EXPECTED, NC_UACI_EXPECTED);
  for (int i = 0; i < NC_N_ALPHAS; i++)
    printf (_("  α = %-5g NPCR %s (> %.4f %%), UACI %s (%.4f … %.4f %%)\n"), v->npcr[i].alpha,
            nc_outcome_to_string (v->npcr[i].outcome), v->npcr[i].low, nc_outcome_to_string (v->uaci[i].outcome), v->uaci[i].low,
            v->uaci[i].high);
}
