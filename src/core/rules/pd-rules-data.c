/* pd-rules-data.c: rule set files → the compiled, immutable form the engine reads
 *
 * Parsing, schema validation and the checks a schema cannot express (a rule naming a
 * document or a source nobody defined, a holiday outside its year) happen here, so a
 * bad file is refused before anything in force is touched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "pd-rules-private.h"

static const char * const case_kind_names[PD_N_CASE_KINDS] = {
  "new-permit", "renewal", "change", "cancellation", "essc-upgrade", "residence-permit",
};

/* Where an error is: the file (or the portal set's id) and the JSON path. */
typedef struct {
  const PdRuleSet *set;
  GString         *path;
} Where;

static void
text_clear (PdText *text)
{
  g_clear_pointer (&text->en, g_free);
  g_clear_pointer (&text->zh, g_free);
}

static void
text_parse (JsonObject *object,
            const char *member,
            PdText     *text)
{
  JsonObject *value = json_object_get_object_member (object, member);

  text->en = g_strdup (json_object_get_string_member (value, "en"));
  text->zh = g_strdup (json_object_get_string_member (value, "zh"));
}

static void
source_free (PdRuleSource *source)
{
  g_free (source->id);
  text_clear (&source->title);
  g_free (source->url);
  g_free (source);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static const char *
set_origin (const PdRuleSet *set)
{
  return set->path != NULL ? set->path : set->id;
}

static gboolean
fail_at (GError      **error,
         int           code,
         const Where  *where,
         const char   *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (GError      **error,
         int           code,
         const Where  *where,
         const char   *format,
         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: a refused rule file: "file: at $.json.path: reason" */
  g_set_error (error, PD_RULES_ERROR, code, _("%s: at %s: %s"),
               set_origin (where->set), where->path->str, reason);
  return FALSE;
}

void
pd_rule_set_free (PdRuleSet *set)
{
  if (set == NULL)
    return;

  g_free (set->id);
  g_free (set->version);
  text_clear (&set->title);
  g_free (set->path);
  g_clear_pointer (&set->sources, g_ptr_array_unref);
  g_clear_pointer (&set->root, json_node_unref);
  g_free (set);
}

PdRuleSet *
pd_rule_set_parse (PdJsonSchema  *schema,
                   GBytes        *json,
                   const char    *path,
                   GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PdRuleSet) set = g_new0 (PdRuleSet, 1);
  g_autofree char *bad_path = NULL;
  const char *origin = path != NULL ? path : _("rule set from the portal");
  JsonObject *root;
  JsonArray *sources;
  gsize len;
  const char *data = g_bytes_get_data (json, &len);

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib's message starts with "line:column:". */
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_PARSE,
                   _("%s: not valid JSON: %s"), origin, local_error->message);
      return NULL;
    }

  if (!pd_json_schema_validate (schema, json_parser_get_root (parser), &bad_path, &local_error))
    {
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_INVALID, _("%s: at %s: %s"),
                   origin, bad_path, local_error->message);
      return NULL;
    }

  set->root = json_node_ref (json_parser_get_root (parser));
  set->path = g_strdup (path);
  root = json_node_get_object (set->root);
  set->id = g_strdup (json_object_get_string_member (root, "id"));
  set->version = g_strdup (json_object_get_string_member (root, "version"));
  parse_date (json_object_get_string_member (root, "effective"), &set->effective);
  text_parse (root, "title", &set->title);

  set->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  sources = json_object_get_array_member (root, "sources");
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *object = json_array_get_object_element (sources, i);
      PdRuleSource *source = g_new0 (PdRuleSource, 1);

      source->id = g_strdup (json_object_get_string_member (object, "id"));
      text_parse (object, "title", &source->title);
      source->url = g_strdup (json_object_get_string_member (object, "url"));
      g_ptr_array_add (set->sources, source);
    }

  return g_steal_pointer (&set);
}

static const PdRuleSource *
find_source (const Where  *where,
             JsonObject   *object,
             GError      **error)
{
  const char *id = json_object_get_string_member (object, "source");

  for (guint i = 0; i < where->set->sources->len; i++)
    {
      const PdRuleSource *source = g_ptr_array_index (where->set->sources, i);

      if (g_str_equal (source->id, id))
        return source;
    }

  g_string_append (where->path, ".source");
  fail_at (error, PD_RULES_ERROR_REFERENCE, where,
           _("the source “%s” is not listed in this file’s sources"), id);
  return NULL;
}

static gboolean
get_bool (JsonObject *object,
          const char *member)
{
  return json_object_get_boolean_member_with_default (object, member, FALSE);
}

static void
document_free (PdRuleDocument *document)
{
  g_free (document->key);
  g_free (document->group);
  text_clear (&document->title);
  text_clear (&document->explanation);
  g_free (document);
}

static gboolean
build_documents (PdRulesData  *data,
                 Where        *where,
                 JsonArray    *array,
                 GError      **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      PdRuleDocument *document;

      g_string_printf (where->path, "$.documents[%u]", i);
      if (g_hash_table_contains (data->documents, json_object_get_string_member (object, "key")))
        return fail_at (error, PD_RULES_ERROR_REFERENCE, where,
                        _("the document “%s” is defined twice"),
                        json_object_get_string_member (object, "key"));

      document = g_new0 (PdRuleDocument, 1);
      document->key = g_strdup (json_object_get_string_member (object, "key"));
      document->group = g_strdup (json_object_get_string_member (object, "group"));
      text_parse (object, "title", &document->title);
      text_parse (object, "explanation", &document->explanation);
      document->validity_months = json_object_get_int_member_with_default (object, "validity_months", 0);
      document->foreign_issued = get_bool (object, "foreign_issued");
      document->confirmed = get_bool (object, "confirmed");
      g_ptr_array_add (data->document_list, document);
      g_hash_table_insert (data->documents, document->key, document);

      if ((document->source = find_source (where, object, error)) == NULL)
        return FALSE;
    }

  return TRUE;
}

static guint
parse_auth (JsonObject *object)
{
  JsonArray *array;
  guint auth = 0;

  if (!json_object_has_member (object, "auth"))
    return 0;

  array = json_object_get_array_member (object, "auth");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      if (g_str_equal (name, "original"))
        auth |= PD_AUTH_ORIGINAL;
      else if (g_str_equal (name, "company-seal-copy"))
        auth |= PD_AUTH_COMPANY_SEAL;
      else if (g_str_equal (name, "apostille-or-legalisation"))
        auth |= PD_RULE_AUTH_APOSTILLE_OR_LEGALISATION;
      else if (g_str_equal (name, "certified-translation"))
        auth |= PD_AUTH_TRANSLATION;
    }

  return auth;
}

static int
tri_state (JsonObject *object,
           const char *member)
{
  if (!json_object_has_member (object, member))
    return -1;

  return json_object_get_boolean_member (object, member);
}

static void
parse_condition (JsonObject      *item,
                 PdRuleCondition *when)
{
  JsonObject *object;

  *when = (PdRuleCondition) { 0, -1, -1, -1, -1, -1 };
  if (!json_object_has_member (item, "when"))
    return;

  object = json_object_get_object_member (item, "when");
  if (json_object_has_member (object, "category"))
    {
      JsonArray *categories = json_object_get_array_member (object, "category");

      for (guint i = 0; i < json_array_get_length (categories); i++)
        when->categories |= 1u << (json_array_get_string_element (categories, i)[0] - 'A');
    }
  when->hague_member = tri_state (object, "hague_member");
  when->in_china = tri_state (object, "in_china");
  when->legacy_card = tri_state (object, "legacy_card");
  when->age_min = json_object_get_int_member_with_default (object, "age_min", -1);
  when->age_max = json_object_get_int_member_with_default (object, "age_max", -1);
}

static void
deadline_clear (PdRuleDeadline *deadline)
{
  g_free (deadline->key);
  text_clear (&deadline->title);
}

static gboolean
build_items (PdRulesData  *data,
             PdRuleCase   *rule_case,
             Where        *where,
             JsonArray    *array,
             GError      **error)
{
  gsize base = where->path->len;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *key = json_object_get_string_member (object, "document");
      PdRuleItem item = { 0 };

      g_string_truncate (where->path, base);
      g_string_append_printf (where->path, ".items[%u]", i);
      item.document = g_hash_table_lookup (data->documents, key);
      if (item.document == NULL)
        {
          g_string_append (where->path, ".document");
          return fail_at (error, PD_RULES_ERROR_REFERENCE, where,
                          _("the document “%s” is not defined in any rule set"), key);
        }

      item.required = g_str_equal (json_object_get_string_member (object, "need"), "required");
      item.conditional = json_object_has_member (object, "when");
      parse_condition (object, &item.when);
      item.auth = parse_auth (object);
      item.confirmed = get_bool (object, "confirmed");
      if ((item.source = find_source (where, object, error)) == NULL)
        return FALSE;
      g_array_append_val (rule_case->items, item);
    }

  return TRUE;
}

static gboolean
build_deadlines (PdRuleCase   *rule_case,
                 Where        *where,
                 JsonArray    *array,
                 GError      **error)
{
  static const char * const anchors[] = {
    "permit-valid-until", "entry-date", "decision-date", "event-date", NULL
  };
  gsize base = where->path->len;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *anchor = json_object_get_string_member (object, "anchor");
      PdRuleDeadline deadline = { 0 };

      g_string_truncate (where->path, base);
      g_string_append_printf (where->path, ".deadlines[%u]", i);
      for (guint a = 0; anchors[a] != NULL; a++)
        if (g_str_equal (anchor, anchors[a]))
          deadline.anchor = a;
      deadline.offset = json_object_get_int_member (object, "offset");
      deadline.working_days = g_str_equal (json_object_get_string_member (object, "unit"), "working-days");
      deadline.window_start = g_str_equal (json_object_get_string_member (object, "kind"), "from");
      deadline.roll_to_working_day = get_bool (object, "roll_to_working_day");
      deadline.confirmed = get_bool (object, "confirmed");
      if ((deadline.source = find_source (where, object, error)) == NULL)
        return FALSE;
      deadline.key = g_strdup (json_object_get_string_member (object, "key"));
      text_parse (object, "title", &deadline.title);
      g_array_append_val (rule_case->deadlines, deadline);
    }

  return TRUE;
}

static int
case_kind_from_name (const char *name)
{
  for (int kind = 0; kind < PD_N_CASE_KINDS; kind++)
    if (g_str_equal (name, case_kind_names[kind]))
      return kind;

  g_assert_not_reached ();
}

static gboolean
build_cases (PdRulesData  *data,
             Where        *where,
             JsonArray    *array,
             GError      **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      int kind = case_kind_from_name (json_object_get_string_member (object, "kind"));
      PdRuleCase *rule_case = &data->cases[kind];

      g_string_printf (where->path, "$.cases[%u]", i);
      if (rule_case->defined)
        return fail_at (error, PD_RULES_ERROR_REFERENCE, where,
                        _("the case kind “%s” is defined twice"), case_kind_names[kind]);
      rule_case->defined = TRUE;

      if (!build_items (data, rule_case, where, json_object_get_array_member (object, "items"), error))
        return FALSE;
      g_string_printf (where->path, "$.cases[%u]", i);
      if (!build_deadlines (rule_case, where, json_object_get_array_member (object, "deadlines"), error))
        return FALSE;
    }

  return TRUE;
}

static void
city_free (PdRuleCity *city)
{
  g_free (city->id);
  text_clear (&city->name);
  text_clear (&city->office);
  text_clear (&city->address);
  g_clear_pointer (&city->bring, g_array_unref);
  g_free (city);
}

static gboolean
build_filing (PdRuleCity   *city,
              Where        *where,
              JsonObject   *filing,
              GError      **error)
{
  JsonArray *kinds = json_object_get_array_member (filing, "kinds");
  JsonArray *bring = json_object_get_array_member (filing, "bring");

  city->filing_required = get_bool (filing, "required");
  for (guint k = 0; k < json_array_get_length (kinds); k++)
    city->filing_kinds |= 1u << case_kind_from_name (json_array_get_string_element (kinds, k));
  text_parse (filing, "office", &city->office);
  text_parse (filing, "address", &city->address);
  for (guint b = 0; b < json_array_get_length (bring); b++)
    {
      JsonObject *text = json_array_get_object_element (bring, b);
      PdText item = {
        g_strdup (json_object_get_string_member (text, "en")),
        g_strdup (json_object_get_string_member (text, "zh")),
      };
      g_array_append_val (city->bring, item);
    }
  city->confirmed = get_bool (filing, "confirmed");
  g_string_append (where->path, ".filing");
  city->source = find_source (where, filing, error);

  return city->source != NULL;
}

static gboolean
build_cities (PdRulesData  *data,
              Where        *where,
              JsonArray    *array,
              GError      **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (object, "id");
      PdRuleCity *city;

      g_string_printf (where->path, "$.cities[%u]", i);
      if (g_hash_table_contains (data->cities, id))
        return fail_at (error, PD_RULES_ERROR_REFERENCE, where,
                        _("the city “%s” is defined twice"), id);

      city = g_new0 (PdRuleCity, 1);
      city->id = g_strdup (id);
      text_parse (object, "name", &city->name);
      city->bring = g_array_new (FALSE, TRUE, sizeof (PdText));
      g_array_set_clear_func (city->bring, (GDestroyNotify) text_clear);
      g_ptr_array_add (data->city_list, city);
      g_hash_table_insert (data->cities, city->id, city);

      if (json_object_has_member (object, "filing") &&
          !build_filing (city, where, json_object_get_object_member (object, "filing"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
build_holiday_year (PdRulesData  *data,
                    Where        *where,
                    JsonObject   *object,
                    GError      **error)
{
  int year = json_object_get_int_member (object, "year");
  JsonArray *days_off = json_object_get_array_member (object, "days_off");
  JsonArray *working = json_object_get_array_member (object, "working_weekends");
  gsize base = where->path->len;
  GDate from, to;

  if (find_source (where, object, error) == NULL)
    return FALSE;
  pd_work_calendar_add_year (data->calendar, year, get_bool (object, "confirmed"));

  for (guint i = 0; i < json_array_get_length (days_off); i++)
    {
      JsonObject *range = json_array_get_object_element (days_off, i);

      g_string_truncate (where->path, base);
      g_string_append_printf (where->path, ".days_off[%u]", i);
      parse_date (json_object_get_string_member (range, "from"), &from);
      parse_date (json_object_get_string_member (range, "to"), &to);
      if (g_date_compare (&from, &to) > 0 ||
          g_date_get_year (&from) != year || g_date_get_year (&to) != year)
        return fail_at (error, PD_RULES_ERROR_INVALID, where,
                        _("the holiday must run forwards within the year %d"), year);

      for (; g_date_compare (&from, &to) <= 0; g_date_add_days (&from, 1))
        pd_work_calendar_add_day_off (data->calendar, &from);
    }

  for (guint i = 0; i < json_array_get_length (working); i++)
    {
      g_string_truncate (where->path, base);
      g_string_append_printf (where->path, ".working_weekends[%u]", i);
      parse_date (json_array_get_string_element (working, i), &from);
      if (g_date_get_weekday (&from) < G_DATE_SATURDAY)
        return fail_at (error, PD_RULES_ERROR_INVALID, where,
                        _("%s is not a Saturday or a Sunday"),
                        json_array_get_string_element (working, i));
      pd_work_calendar_add_working_day (data->calendar, &from);
    }

  return TRUE;
}

static GArray *
parse_bands (JsonObject *object,
             const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);
  GArray *bands = g_array_new (FALSE, TRUE, sizeof (PdPointsBand));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *band_object = json_array_get_object_element (array, i);
      PdPointsBand band = {
        json_object_get_double_member (band_object, "min"),
        json_object_get_double_member_with_default (band_object, "max", -1),
        json_object_get_int_member (band_object, "points"),
      };
      g_array_append_val (bands, band);
    }

  return bands;
}

static gboolean
build_points (PdRulesData  *data,
              Where        *where,
              JsonObject   *object,
              GError      **error)
{
  PdPointsTable *table = &data->points;
  JsonObject *thresholds = json_object_get_object_member (object, "thresholds");
  JsonObject *education = json_object_get_object_member (object, "education");

  g_string_assign (where->path, "$.points");
  if (table->defined)
    return fail_at (error, PD_RULES_ERROR_REFERENCE, where, _("the points table is defined twice"));
  if ((table->source = find_source (where, object, error)) == NULL)
    return FALSE;

  table->defined = TRUE;
  table->confirmed = get_bool (object, "confirmed");
  table->threshold_a = json_object_get_int_member (thresholds, "A");
  table->threshold_b = json_object_get_int_member (thresholds, "B");
  table->salary = parse_bands (object, "salary_multiple");
  table->education[PD_EDUCATION_NONE] = json_object_get_int_member (education, "none");
  table->education[PD_EDUCATION_BACHELOR] = json_object_get_int_member (education, "bachelor");
  table->education[PD_EDUCATION_MASTER] = json_object_get_int_member (education, "master");
  table->education[PD_EDUCATION_DOCTORATE] = json_object_get_int_member (education, "doctorate");
  table->experience_per_year = json_object_get_int_member (object, "experience_per_year");
  table->experience_min_years = json_object_get_int_member (object, "experience_min_years");
  table->experience_max = json_object_get_int_member (object, "experience_max");
  table->months_in_china = parse_bands (object, "months_in_china");
  table->hsk_per_level = json_object_get_int_member (object, "hsk_per_level");
  table->hsk_max = json_object_get_int_member (object, "hsk_max");
  table->age = parse_bands (object, "age");
  table->bonus_each = json_object_get_int_member (object, "bonus_each");
  table->bonus_max = json_object_get_int_member (object, "bonus_max");

  return TRUE;
}

static gboolean
build_hague (PdRulesData  *data,
             Where        *where,
             JsonObject   *object,
             GError      **error)
{
  JsonArray *codes = json_object_get_array_member (object, "codes");

  g_string_assign (where->path, "$.hague_members");
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      char *code = g_strdup (json_array_get_string_element (codes, i));
      g_hash_table_add (data->hague, code);
    }
  data->hague_confirmed = get_bool (object, "confirmed");
  data->hague_source = find_source (where, object, error);

  return data->hague_source != NULL;
}

static PdRulesData *
rules_data_new (void)
{
  PdRulesData *data = g_atomic_rc_box_new0 (PdRulesData);

  data->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_rule_set_free);
  data->documents = g_hash_table_new (g_str_hash, g_str_equal);
  data->document_list = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  data->cities = g_hash_table_new (g_str_hash, g_str_equal);
  data->city_list = g_ptr_array_new_with_free_func ((GDestroyNotify) city_free);
  data->hague = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->calendar = pd_work_calendar_new ();
  data->due_soon_days = 14;
  for (int kind = 0; kind < PD_N_CASE_KINDS; kind++)
    {
      data->cases[kind].items = g_array_new (FALSE, TRUE, sizeof (PdRuleItem));
      data->cases[kind].deadlines = g_array_new (FALSE, TRUE, sizeof (PdRuleDeadline));
      g_array_set_clear_func (data->cases[kind].deadlines, (GDestroyNotify) deadline_clear);
    }

  return data;
}

static void
rules_data_clear (PdRulesData *data)
{
  for (int kind = 0; kind < PD_N_CASE_KINDS; kind++)
    {
      g_array_unref (data->cases[kind].items);
      g_array_unref (data->cases[kind].deadlines);
    }
  g_clear_pointer (&data->points.salary, g_array_unref);
  g_clear_pointer (&data->points.months_in_china, g_array_unref);
  g_clear_pointer (&data->points.age, g_array_unref);
  g_hash_table_unref (data->documents);
  g_ptr_array_unref (data->document_list);
  g_hash_table_unref (data->cities);
  g_ptr_array_unref (data->city_list);
  g_hash_table_unref (data->hague);
  pd_work_calendar_unref (data->calendar);
  g_free (data->version);
  /* Last: every other part points into the sets' sources. */
  g_ptr_array_unref (data->sets);
}

PdRulesData *
pd_rules_data_ref (PdRulesData *data)
{
  return g_atomic_rc_box_acquire (data);
}

void
pd_rules_data_unref (PdRulesData *data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) rules_data_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdRulesData, pd_rules_data_unref)

static gboolean
build_set_sections (PdRulesData  *data,
                    PdRuleSet    *set,
                    gboolean      documents_pass,
                    GError      **error)
{
  g_autoptr(GString) path = g_string_new ("$");
  Where where = { set, path };
  JsonObject *root = json_node_get_object (set->root);

  if (documents_pass)
    return !json_object_has_member (root, "documents") ||
           build_documents (data, &where, json_object_get_array_member (root, "documents"), error);

  if (json_object_has_member (root, "due_soon_days"))
    data->due_soon_days = json_object_get_int_member (root, "due_soon_days");
  if (json_object_has_member (root, "hague_members") &&
      !build_hague (data, &where, json_object_get_object_member (root, "hague_members"), error))
    return FALSE;
  if (json_object_has_member (root, "cases") &&
      !build_cases (data, &where, json_object_get_array_member (root, "cases"), error))
    return FALSE;
  if (json_object_has_member (root, "cities") &&
      !build_cities (data, &where, json_object_get_array_member (root, "cities"), error))
    return FALSE;
  if (json_object_has_member (root, "points") &&
      !build_points (data, &where, json_object_get_object_member (root, "points"), error))
    return FALSE;

  if (json_object_has_member (root, "holidays"))
    {
      JsonArray *years = json_object_get_array_member (root, "holidays");

      for (guint i = 0; i < json_array_get_length (years); i++)
        {
          g_string_printf (path, "$.holidays[%u]", i);
          if (!build_holiday_year (data, &where, json_array_get_object_element (years, i), error))
            return FALSE;
        }
    }

  return TRUE;
}

static int
compare_sets (gconstpointer a,
              gconstpointer b)
{
  const PdRuleSet *set_a = *(const PdRuleSet * const *) a;
  const PdRuleSet *set_b = *(const PdRuleSet * const *) b;

  return g_strcmp0 (set_a->id, set_b->id);
}

/* Takes ownership of the sets in @sets (its free func must be NULL). */
PdRulesData *
pd_rules_data_build (GPtrArray  *sets,
                     GError    **error)
{
  g_autoptr(PdRulesData) data = rules_data_new ();
  g_autoptr(GString) version = g_string_new (NULL);

  for (guint i = 0; i < sets->len; i++)
    g_ptr_array_add (data->sets, g_ptr_array_index (sets, i));
  g_ptr_array_set_size (sets, 0);
  g_ptr_array_sort (data->sets, compare_sets);

  /* Documents first: a case in one file may name a document from another. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < data->sets->len; i++)
      if (!build_set_sections (data, g_ptr_array_index (data->sets, i), pass == 0, error))
        return NULL;

  for (guint i = 0; i < data->sets->len; i++)
    {
      const PdRuleSet *set = g_ptr_array_index (data->sets, i);

      g_string_append_printf (version, "%s%s %s", i > 0 ? ", " : "", set->id, set->version);
    }
  data->version = g_string_free (g_steal_pointer (&version), FALSE);

  return g_steal_pointer (&data);
}
