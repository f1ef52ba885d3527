/* pd-checklist-json.c: a checklist as a JSON file HR can import into a case
 *
 * The format is described by data/rules/checklist.schema.json and docs/rules.md;
 * a file is validated against that schema before anything in it is used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "pd-checklist-private.h"
#include "pd-core.h"

static const struct {
  PdAuthFlags flag;
  const char *name;
} auth_names[] = {
  { PD_AUTH_ORIGINAL, "original" },
  { PD_AUTH_COMPANY_SEAL, "company-seal-copy" },
  { PD_AUTH_APOSTILLE, "apostille" },
  { PD_AUTH_LEGALISATION, "legalisation" },
  { PD_AUTH_TRANSLATION, "certified-translation" },
};

static void
add_date (JsonBuilder *builder,
          const char  *member,
          const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    return;

  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (date),
              g_date_get_month (date), g_date_get_day (date));
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_auth (JsonBuilder *builder,
          PdAuthFlags  auth)
{
  json_builder_set_member_name (builder, "auth");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (auth_names); i++)
    if (auth & auth_names[i].flag)
      json_builder_add_string_value (builder, auth_names[i].name);
  json_builder_end_array (builder);
}

static void
add_source (JsonBuilder *builder,
            const char  *title,
            const char  *url)
{
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  add_string (builder, "title", title);
  add_string (builder, "url", url);
  json_builder_end_object (builder);
}

static int
compare_documents (gconstpointer a,
                   gconstpointer b)
{
  const PdProvidedDocument *doc_a = *(const PdProvidedDocument * const *) a;
  const PdProvidedDocument *doc_b = *(const PdProvidedDocument * const *) b;

  return g_strcmp0 (doc_a->key, doc_b->key);
}

static void
build_query (JsonBuilder            *builder,
             const PdChecklistQuery *query)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  char category[2] = { 'A' + query->category, '\0' };
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, query->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (documents, value);

  json_builder_begin_object (builder);
  add_string (builder, "kind", pd_case_kind_to_string (query->kind));
  add_string (builder, "city", query->city);
  add_string (builder, "category", category);
  if (query->nationality != NULL && *query->nationality != '\0')
    add_string (builder, "nationality", query->nationality);
  add_bool (builder, "in_china", query->in_china);
  if (query->age >= 0)
    {
      json_builder_set_member_name (builder, "age");
      json_builder_add_int_value (builder, query->age);
    }
  add_bool (builder, "legacy_card", query->legacy_card);
  add_date (builder, "permit_valid_until", &query->valid_until);
  add_date (builder, "entry_date", &query->entry_date);
  add_date (builder, "decision_date", &query->decision_date);
  add_date (builder, "event_date", &query->event_date);

  g_ptr_array_sort (documents, compare_documents);
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < documents->len; i++)
    {
      const PdProvidedDocument *document = g_ptr_array_index (documents, i);

      json_builder_begin_object (builder);
      add_string (builder, "key", document->key);
      add_date (builder, "issued", &document->issued);
      add_date (builder, "expires", &document->expires);
      add_auth (builder, document->auth);
      add_string (builder, "sha256", document->sha256);
      add_string (builder, "file", document->file);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
build_items (JsonBuilder *builder,
             PdChecklist *self)
{
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    {
      const PdChecklistItem *item = &g_array_index (self->items, PdChecklistItem, i);

      json_builder_begin_object (builder);
      add_string (builder, "key", item->key);
      add_string (builder, "title", item->title);
      add_string (builder, "explanation", item->explanation);
      add_string (builder, "group", item->group);
      add_string (builder, "group_title", item->group_title);
      add_bool (builder, "required", item->required);
      add_bool (builder, "conditional", item->conditional);
      add_auth (builder, item->auth_needed);
      add_string (builder, "state", pd_checklist_item_state_to_string (item->state));
      add_date (builder, "expires", &item->expires);
      add_source (builder, item->source_title, item->source_url);
      add_bool (builder, "confirmed", item->confirmed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_deadlines (JsonBuilder *builder,
                 PdChecklist *self)
{
  json_builder_set_member_name (builder, "deadlines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->deadlines->len; i++)
    {
      const PdDeadline *deadline = &g_array_index (self->deadlines, PdDeadline, i);

      json_builder_begin_object (builder);
      add_string (builder, "key", deadline->key);
      add_string (builder, "title", deadline->title);
      add_date (builder, "date", &deadline->date);
      add_string (builder, "kind", deadline->window_start ? "from" : "by");
      add_bool (builder, "overdue", deadline->overdue);
      add_bool (builder, "due_soon", deadline->due_soon);
      add_source (builder, deadline->source_title, deadline->source_url);
      add_bool (builder, "confirmed", deadline->confirmed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_filing (JsonBuilder    *builder,
              const PdFilingRequirement *filing)
{
  json_builder_set_member_name (builder, "filing");
  json_builder_begin_object (builder);
  add_string (builder, "city", filing->city);
  add_string (builder, "office", filing->office);
  add_string (builder, "address", filing->address);
  json_builder_set_member_name (builder, "bring");
  json_builder_begin_array (builder);
  for (guint i = 0; i < filing->bring->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (filing->bring, i));
  json_builder_end_array (builder);
  add_source (builder, filing->source_title, filing->source_url);
  add_bool (builder, "confirmed", filing->confirmed);
  json_builder_end_object (builder);
}

static GBytes *
builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize len;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);

  return g_bytes_new_take (text, len);
}

/* Returns: (transfer full): the checklist, with the answers and documents of @query
 * when it is not NULL. */
GBytes *
pd_checklist_to_json (PdChecklist            *self,
                      const PdChecklistQuery *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", "permitdesk-checklist");
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, 1);
  add_string (builder, "rules_version", self->rules_version);
  add_string (builder, "kind", pd_case_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "completeness");
  json_builder_add_double_value (builder, self->completeness);
  if (query != NULL)
    {
      json_builder_set_member_name (builder, "query");
      build_query (builder, query);
    }
  build_items (builder, self);
  build_deadlines (builder, self);
  if (self->has_filing)
    build_filing (builder, &self->filing);
  json_builder_end_object (builder);

  return builder_to_bytes (builder);
}

GBytes *
pd_checklist_query_to_json (const PdChecklistQuery *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (query != NULL, NULL);

  build_query (builder, query);
  return builder_to_bytes (builder);
}

/* The file holds personal data: private to the user, written atomically. */
gboolean
pd_checklist_save_json (PdChecklist             *self,
                        const PdChecklistQuery  *query,
                        const char              *path,
                        GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = pd_checklist_to_json (self, query);
  return pd_core_write_private_file (path, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), error);
}

static gboolean
read_date (JsonObject *object,
           const char *member,
           GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (!json_object_has_member (object, member) ||
      sscanf (json_object_get_string_member (object, member), "%d-%d-%d", &y, &m, &d) != 3)
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static PdAuthFlags
read_auth (JsonObject *object)
{
  JsonArray *array = json_object_get_array_member (object, "auth");
  PdAuthFlags auth = 0;

  for (guint i = 0; i < json_array_get_length (array); i++)
    for (guint n = 0; n < G_N_ELEMENTS (auth_names); n++)
      if (g_str_equal (json_array_get_string_element (array, i), auth_names[n].name))
        auth |= auth_names[n].flag;

  return auth;
}

static PdChecklistQuery *
read_query (JsonObject *object)
{
  PdCaseKind kind = 0;
  PdChecklistQuery *query;
  JsonArray *documents;

  pd_case_kind_from_string (json_object_get_string_member (object, "kind"), &kind);
  query = pd_checklist_query_new (kind);
  query->city = g_strdup (json_object_get_string_member_with_default (object, "city", NULL));
  query->category = json_object_get_string_member (object, "category")[0] - 'A';
  query->nationality = g_strdup (json_object_get_string_member_with_default (object, "nationality", NULL));
  query->in_china = json_object_get_boolean_member (object, "in_china");
  query->age = json_object_get_int_member_with_default (object, "age", -1);
  query->legacy_card = json_object_get_boolean_member (object, "legacy_card");
  read_date (object, "permit_valid_until", &query->valid_until);
  read_date (object, "entry_date", &query->entry_date);
  read_date (object, "decision_date", &query->decision_date);
  read_date (object, "event_date", &query->event_date);

  documents = json_object_get_array_member (object, "documents");
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *doc_object = json_array_get_object_element (documents, i);
      PdProvidedDocument *document =
        pd_checklist_query_provide (query, json_object_get_string_member (doc_object, "key"));

      read_date (doc_object, "issued", &document->issued);
      read_date (doc_object, "expires", &document->expires);
      document->auth = read_auth (doc_object);
      document->sha256 = g_strdup (json_object_get_string_member_with_default (doc_object, "sha256", NULL));
      document->file = g_strdup (json_object_get_string_member_with_default (doc_object, "file", NULL));
    }

  return query;
}

static const char *
chunk (PdChecklist *self,
       JsonObject  *object,
       const char  *member)
{
  const char *value = json_object_get_string_member_with_default (object, member, NULL);

  return value ? g_string_chunk_insert_const (self->strings, value) : NULL;
}

static void
read_source (PdChecklist  *self,
             JsonObject   *object,
             const char  **title,
             const char  **url)
{
  JsonObject *source = json_object_get_object_member (object, "source");

  *title = chunk (self, source, "title");
  *url = chunk (self, source, "url");
}

static void
read_items (PdChecklist *self,
            JsonArray   *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *state = json_object_get_string_member (object, "state");
      PdChecklistItem item = { 0 };

      item.key = chunk (self, object, "key");
      item.title = chunk (self, object, "title");
      item.explanation = chunk (self, object, "explanation");
      item.group = chunk (self, object, "group");
      item.group_title = chunk (self, object, "group_title");
      item.required = json_object_get_boolean_member (object, "required");
      item.conditional = json_object_get_boolean_member (object, "conditional");
      item.auth_needed = read_auth (object);
      for (PdChecklistItemState s = 0; s <= PD_CHECKLIST_ITEM_OK; s++)
        if (g_str_equal (state, pd_checklist_item_state_to_string (s)))
          item.state = s;
      read_date (object, "expires", &item.expires);
      read_source (self, object, &item.source_title, &item.source_url);
      item.confirmed = json_object_get_boolean_member (object, "confirmed");
      g_array_append_val (self->items, item);
    }
}

static void
read_deadlines (PdChecklist *self,
                JsonArray   *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      PdDeadline deadline = { 0 };

      deadline.key = chunk (self, object, "key");
      deadline.title = chunk (self, object, "title");
      read_date (object, "date", &deadline.date);
      deadline.window_start = g_str_equal (json_object_get_string_member (object, "kind"), "from");
      deadline.overdue = json_object_get_boolean_member (object, "overdue");
      deadline.due_soon = json_object_get_boolean_member (object, "due_soon");
      read_source (self, object, &deadline.source_title, &deadline.source_url);
      deadline.confirmed = json_object_get_boolean_member (object, "confirmed");
      g_array_append_val (self->deadlines, deadline);
    }
}

static void
read_filing (PdChecklist *self,
             JsonObject  *object)
{
  JsonArray *bring = json_object_get_array_member (object, "bring");

  self->has_filing = TRUE;
  self->filing.city = chunk (self, object, "city");
  self->filing.office = chunk (self, object, "office");
  self->filing.address = chunk (self, object, "address");
  self->filing.bring = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (bring); i++)
    g_ptr_array_add (self->filing.bring,
                     g_string_chunk_insert (self->strings, json_array_get_string_element (bring, i)));
  read_source (self, object, &self->filing.source_title, &self->filing.source_url);
  self->filing.confirmed = json_object_get_boolean_member (object, "confirmed");
}

/* Parses @json and checks it against the checklist schema, or its definition @def. */
static JsonNode *
parse_checked (GBytes      *json,
               const char  *origin,
               const char  *def,
               GError     **error)
{
  g_autofree char *schema_path = g_build_filename (pd_rules_get_default_dir (),
                                                   "checklist.schema.json", NULL);
  g_autoptr(PdJsonSchema) schema = pd_json_schema_new_from_file (schema_path, error);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bad_path = NULL;

  if (schema == NULL)
    return NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                   &local_error))
    {
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_PARSE,
                   _("%s: not valid JSON: %s"), origin, local_error->message);
      return NULL;
    }

  if (!pd_json_schema_validate_def (schema, def, json_parser_get_root (parser), &bad_path, &local_error))
    {
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_INVALID, _("%s: at %s: %s"),
                   origin, bad_path, local_error->message);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/* Reads a checklist exported by pd_checklist_save_json(); @query receives its answers
 * and documents (NULL when the file has none). */
PdChecklist *
pd_checklist_load_json (const char        *path,
                        PdChecklistQuery **query,
                        GError           **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  PdChecklist *self;
  JsonObject *object;
  PdCaseKind kind = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  if (!(bytes = g_file_load_bytes (file, NULL, NULL, error)) ||
      !(root = parse_checked (bytes, path, NULL, error)))
    return NULL;

  object = json_node_get_object (root);
  pd_case_kind_from_string (json_object_get_string_member (object, "kind"), &kind);
  self = pd_checklist_new_empty (kind);
  self->strings = g_string_chunk_new (1024);
  self->rules_version = chunk (self, object, "rules_version");
  self->completeness = json_object_get_double_member (object, "completeness");
  read_items (self, json_object_get_array_member (object, "items"));
  read_deadlines (self, json_object_get_array_member (object, "deadlines"));
  if (json_object_has_member (object, "filing"))
    read_filing (self, json_object_get_object_member (object, "filing"));

  if (query != NULL)
    *query = json_object_has_member (object, "query")
             ? read_query (json_object_get_object_member (object, "query")) : NULL;

  return self;
}

/* Reads answers saved with pd_checklist_query_to_json(). */
PdChecklistQuery *
pd_checklist_query_from_json (GBytes  *json,
                              GError **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!(root = parse_checked (json, _("saved answers"), "query", error)))
    return NULL;

  return read_query (json_node_get_object (root));
}
