/* pd-checklist.c: the documents and deadlines of one case, made from the rules
 *
 * Making a checklist walks the compiled rules of one case kind; it allocates only the
 * result, so an HR clerk's whole caseload is checked in a blink.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-checklist-private.h"

#define AUTH_EITHER (PD_AUTH_APOSTILLE | PD_AUTH_LEGALISATION)

G_DEFINE_BOXED_TYPE (PdChecklistQuery, pd_checklist_query,
                     pd_checklist_query_copy, pd_checklist_query_free)
G_DEFINE_BOXED_TYPE (PdChecklist, pd_checklist, pd_checklist_ref, pd_checklist_unref)

static const char * const kind_names[PD_N_CASE_KINDS] = {
  "new-permit", "renewal", "change", "cancellation", "essc-upgrade", "residence-permit",
};

static void
provided_document_free (PdProvidedDocument *document)
{
  g_free (document->key);
  g_free (document->sha256);
  g_free (document->file);
  g_free (document);
}

PdChecklistQuery *
pd_checklist_query_new (PdCaseKind kind)
{
  PdChecklistQuery *query = g_new0 (PdChecklistQuery, 1);

  query->kind = kind;
  query->age = -1;
  g_date_clear (&query->valid_until, 1);
  g_date_clear (&query->entry_date, 1);
  g_date_clear (&query->decision_date, 1);
  g_date_clear (&query->event_date, 1);
  query->documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) provided_document_free);

  return query;
}

PdChecklistQuery *
pd_checklist_query_copy (const PdChecklistQuery *query)
{
  PdChecklistQuery *copy;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (query != NULL, NULL);

  copy = pd_checklist_query_new (query->kind);
  copy->city = g_strdup (query->city);
  copy->category = query->category;
  copy->nationality = g_strdup (query->nationality);
  copy->in_china = query->in_china;
  copy->age = query->age;
  copy->legacy_card = query->legacy_card;
  copy->valid_until = query->valid_until;
  copy->entry_date = query->entry_date;
  copy->decision_date = query->decision_date;
  copy->event_date = query->event_date;

  g_hash_table_iter_init (&iter, query->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const PdProvidedDocument *document = value;
      PdProvidedDocument *dup = pd_checklist_query_provide (copy, document->key);

      dup->issued = document->issued;
      dup->expires = document->expires;
      dup->auth = document->auth;
      dup->sha256 = g_strdup (document->sha256);
      dup->file = g_strdup (document->file);
    }

  return copy;
}

void
pd_checklist_query_free (PdChecklistQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->city);
  g_free (query->nationality);
  g_hash_table_unref (query->documents);
  g_free (query);
}

/* Age in whole years on @today. */
void
pd_checklist_query_set_birth_date (PdChecklistQuery *query,
                                   const GDate      *birth,
                                   const GDate      *today)
{
  int age;

  g_return_if_fail (query != NULL);
  g_return_if_fail (birth != NULL && g_date_valid (birth));
  g_return_if_fail (today != NULL && g_date_valid (today));

  age = g_date_get_year (today) - g_date_get_year (birth);
  if (g_date_get_month (today) < g_date_get_month (birth) ||
      (g_date_get_month (today) == g_date_get_month (birth) &&
       g_date_get_day (today) < g_date_get_day (birth)))
    age--;

  query->age = MAX (age, 0);
}

/* Returns: (transfer none): the entry for @key, created empty when new. */
PdProvidedDocument *
pd_checklist_query_provide (PdChecklistQuery *query,
                            const char       *key)
{
  PdProvidedDocument *document;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((document = g_hash_table_lookup (query->documents, key)) != NULL)
    return document;

  document = g_new0 (PdProvidedDocument, 1);
  document->key = g_strdup (key);
  g_date_clear (&document->issued, 1);
  g_date_clear (&document->expires, 1);
  g_hash_table_insert (query->documents, document->key, document);

  return document;
}

void
pd_checklist_query_withdraw (PdChecklistQuery *query,
                             const char       *key)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (key != NULL);

  g_hash_table_remove (query->documents, key);
}

PdChecklist *
pd_checklist_new_empty (PdCaseKind kind)
{
  PdChecklist *self = g_atomic_rc_box_new0 (PdChecklist);

  self->kind = kind;
  self->items = g_array_sized_new (FALSE, TRUE, sizeof (PdChecklistItem), 16);
  self->deadlines = g_array_sized_new (FALSE, TRUE, sizeof (PdDeadline), 4);

  return self;
}

PdChecklist *
pd_checklist_ref (PdChecklist *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
pd_checklist_clear (PdChecklist *self)
{
  g_array_unref (self->items);
  g_array_unref (self->deadlines);
  g_clear_pointer (&self->filing.bring, g_ptr_array_unref);
  g_clear_pointer (&self->data, pd_rules_data_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
}

void
pd_checklist_unref (PdChecklist *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) pd_checklist_clear);
}

const char *
pd_document_group_title (const char *group)
{
  if (g_strcmp0 (group, "identity") == 0)
    return _("Identity");
  if (g_strcmp0 (group, "employment") == 0)
    return _("Employment");
  if (g_strcmp0 (group, "qualifications") == 0)
    return _("Qualifications");
  if (g_strcmp0 (group, "background") == 0)
    return _("Background checks");
  if (g_strcmp0 (group, "permit") == 0)
    return _("Work permit");

  return _("Other documents");
}

static gboolean
condition_matches (const PdRuleCondition  *when,
                   const PdChecklistQuery *query,
                   int                     hague_member)
{
  if (when->categories != 0 && !(when->categories & (1u << query->category)))
    return FALSE;
  if (when->hague_member >= 0 && when->hague_member != hague_member)
    return FALSE;
  if (when->in_china >= 0 && when->in_china != !!query->in_china)
    return FALSE;
  if (when->legacy_card >= 0 && when->legacy_card != !!query->legacy_card)
    return FALSE;
  /* An age rule only applies when the age is known. */
  if (when->age_min >= 0 && (query->age < 0 || query->age < when->age_min))
    return FALSE;
  if (when->age_max >= 0 && (query->age < 0 || query->age > when->age_max))
    return FALSE;

  return TRUE;
}

/* Apostille for nationals of a Convention member, consular legalisation otherwise,
 * either one while the nationality is not known. */
static PdAuthFlags
resolve_auth (guint auth,
              int   hague_member)
{
  PdAuthFlags flags = auth & ~PD_RULE_AUTH_APOSTILLE_OR_LEGALISATION;

  if (auth & PD_RULE_AUTH_APOSTILLE_OR_LEGALISATION)
    flags |= hague_member < 0 ? AUTH_EITHER : hague_member ? PD_AUTH_APOSTILLE : PD_AUTH_LEGALISATION;

  return flags;
}

static gboolean
auth_satisfied (PdAuthFlags needed,
                PdAuthFlags have)
{
  /* An original is shown at a window, it cannot be attached as a file. */
  PdAuthFlags all_of = needed & ~(AUTH_EITHER | PD_AUTH_ORIGINAL);

  if ((all_of & ~have) != 0)
    return FALSE;

  return (needed & AUTH_EITHER) == 0 || (needed & AUTH_EITHER & have) != 0;
}

static PdChecklistItemState
item_state (const PdRuleDocument     *rule,
            const PdProvidedDocument *document,
            PdAuthFlags               auth_needed,
            const PdChecklistQuery   *query,
            const GDate              *today,
            GDate                    *expires)
{
  if (document == NULL)
    return PD_CHECKLIST_ITEM_MISSING;

  if (g_date_valid (&document->expires))
    *expires = document->expires;
  else if (rule->validity_months > 0 && g_date_valid (&document->issued))
    {
      *expires = document->issued;
      g_date_add_months (expires, rule->validity_months);
    }

  if (g_date_valid (expires) && g_date_compare (expires, today) < 0)
    return PD_CHECKLIST_ITEM_EXPIRED;
  if (g_date_valid (expires) && g_date_valid (&query->decision_date) &&
      g_date_compare (expires, &query->decision_date) < 0)
    return PD_CHECKLIST_ITEM_EXPIRES_BEFORE_DECISION;
  if (!auth_satisfied (auth_needed, document->auth))
    return PD_CHECKLIST_ITEM_NEEDS_AUTHENTICATION;
  /* At hand, but its age cannot be checked or no copy is attached yet. */
  if ((rule->validity_months > 0 && !g_date_valid (expires)) || document->sha256 == NULL)
    return PD_CHECKLIST_ITEM_PROVIDED;

  return PD_CHECKLIST_ITEM_OK;
}

static void
add_items (PdChecklist            *self,
           const PdRuleCase       *rule_case,
           const PdChecklistQuery *query,
           const GDate            *today,
           int                     hague_member,
           gboolean                zh)
{
  for (guint i = 0; i < rule_case->items->len; i++)
    {
      const PdRuleItem *rule = &g_array_index (rule_case->items, PdRuleItem, i);
      const PdRuleDocument *document = rule->document;
      PdChecklistItem item;

      if (!condition_matches (&rule->when, query, hague_member))
        continue;

      item.key = document->key;
      item.title = pd_text_get (&document->title, zh);
      item.explanation = pd_text_get (&document->explanation, zh);
      item.group = document->group;
      item.group_title = pd_document_group_title (document->group);
      item.required = rule->required;
      item.conditional = rule->conditional;
      item.auth_needed = resolve_auth (rule->auth, hague_member);
      g_date_clear (&item.expires, 1);
      item.state = item_state (document, g_hash_table_lookup (query->documents, document->key),
                               item.auth_needed, query, today, &item.expires);
      item.source_title = pd_text_get (&rule->source->title, zh);
      item.source_url = rule->source->url;
      item.confirmed = rule->confirmed && document->confirmed;
      g_array_append_val (self->items, item);
    }
}

static const GDate *
anchor_date (const PdChecklistQuery *query,
             PdAnchor                anchor)
{
  switch (anchor)
    {
    case PD_ANCHOR_PERMIT_VALID_UNTIL: return &query->valid_until;
    case PD_ANCHOR_ENTRY_DATE: return &query->entry_date;
    case PD_ANCHOR_DECISION_DATE: return &query->decision_date;
    case PD_ANCHOR_EVENT_DATE: return &query->event_date;
    default: g_assert_not_reached ();
    }
}

static void
add_deadlines (PdChecklist            *self,
               PdRulesData            *data,
               const PdRuleCase       *rule_case,
               const PdChecklistQuery *query,
               const GDate            *today,
               gboolean                zh)
{
  guint32 today_julian = g_date_get_julian (today);

  for (guint i = 0; i < rule_case->deadlines->len; i++)
    {
      const PdRuleDeadline *rule = &g_array_index (rule_case->deadlines, PdRuleDeadline, i);
      const GDate *anchor = anchor_date (query, rule->anchor);
      gboolean uses_calendar = rule->working_days || rule->roll_to_working_day;
      PdDeadline deadline;
      guint32 julian;

      if (!g_date_valid (anchor))
        continue;

      julian = g_date_get_julian (anchor);
      julian = rule->working_days ? pd_work_calendar_add_julian (data->calendar, julian, rule->offset)
                                  : julian + rule->offset;
      if (rule->roll_to_working_day)
        julian = pd_work_calendar_roll_julian (data->calendar, julian);

      deadline.key = rule->key;
      deadline.title = pd_text_get (&rule->title, zh);
      g_date_clear (&deadline.date, 1);
      g_date_set_julian (&deadline.date, julian);
      deadline.window_start = rule->window_start;
      deadline.overdue = !rule->window_start && julian < today_julian;
      deadline.due_soon = !rule->window_start && !deadline.overdue &&
                          julian - today_julian <= (guint32) data->due_soon_days;
      deadline.source_title = pd_text_get (&rule->source->title, zh);
      deadline.source_url = rule->source->url;
      deadline.confirmed = rule->confirmed &&
                           (!uses_calendar || pd_work_calendar_is_confirmed (data->calendar, &deadline.date));
      g_array_append_val (self->deadlines, deadline);
    }
}

static void
add_filing (PdChecklist            *self,
            PdRulesData            *data,
            const PdChecklistQuery *query,
            gboolean                zh)
{
  const PdRuleCity *city = query->city ? g_hash_table_lookup (data->cities, query->city) : NULL;

  if (city == NULL || !city->filing_required || !(city->filing_kinds & (1u << query->kind)))
    return;

  self->has_filing = TRUE;
  self->filing.city = pd_text_get (&city->name, zh);
  self->filing.office = pd_text_get (&city->office, zh);
  self->filing.address = pd_text_get (&city->address, zh);
  self->filing.bring = g_ptr_array_sized_new (city->bring->len);
  for (guint i = 0; i < city->bring->len; i++)
    g_ptr_array_add (self->filing.bring, (char *) pd_text_get (&g_array_index (city->bring, PdText, i), zh));
  self->filing.source_title = pd_text_get (&city->source->title, zh);
  self->filing.source_url = city->source->url;
  self->filing.confirmed = city->confirmed;
}

void
pd_checklist_update_completeness (PdChecklist *self)
{
  guint required = 0, done = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      const PdChecklistItem *item = &g_array_index (self->items, PdChecklistItem, i);

      if (!item->required)
        continue;
      required++;
      if (item->state == PD_CHECKLIST_ITEM_PROVIDED || item->state == PD_CHECKLIST_ITEM_OK)
        done++;
    }

  self->completeness = required == 0 ? 1.0 : (double) done / required;
}

/* Returns: (transfer full) (nullable): NULL when no rules are loaded. */
PdChecklist *
pd_rules_make_checklist (PdRules                *rules,
                         const PdChecklistQuery *query,
                         const GDate            *today)
{
  PdRulesData *data;
  PdChecklist *self;
  gboolean zh;
  int hague_member = -1;

  g_return_val_if_fail (PD_IS_RULES (rules), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail ((guint) query->kind < PD_N_CASE_KINDS, NULL);
  g_return_val_if_fail ((guint) query->category <= PD_PERMIT_CATEGORY_C, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if ((data = pd_rules_get_data (rules)) == NULL)
    return NULL;

  zh = pd_rules_is_chinese (rules);
  if (query->nationality != NULL && *query->nationality != '\0')
    hague_member = g_hash_table_contains (data->hague, query->nationality);

  self = pd_checklist_new_empty (query->kind);
  self->data = pd_rules_data_ref (data);
  self->rules_version = data->version;
  add_items (self, &data->cases[query->kind], query, today, hague_member, zh);
  add_deadlines (self, data, &data->cases[query->kind], query, today, zh);
  add_filing (self, data, query, zh);
  pd_checklist_update_completeness (self);

  return self;
}

PdCaseKind
pd_checklist_get_kind (PdChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kind;
}

const char *
pd_checklist_get_rules_version (PdChecklist *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->rules_version;
}

guint
pd_checklist_get_n_items (PdChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const PdChecklistItem *
pd_checklist_get_item (PdChecklist *self,
                       guint        position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return &g_array_index (self->items, PdChecklistItem, position);
}

const PdChecklistItem *
pd_checklist_find_item (PdChecklist *self,
                        const char  *key)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      const PdChecklistItem *item = &g_array_index (self->items, PdChecklistItem, i);

      if (g_str_equal (item->key, key))
        return item;
    }

  return NULL;
}

/* The share of required items at hand, from 0 to 1. */
double
pd_checklist_get_completeness (PdChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->completeness;
}

guint
pd_checklist_get_n_deadlines (PdChecklist *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->deadlines->len;
}

const PdDeadline *
pd_checklist_get_deadline (PdChecklist *self,
                           guint        position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->deadlines->len, NULL);

  return &g_array_index (self->deadlines, PdDeadline, position);
}

/* Returns: (nullable): where and how to file originals in person, when the city asks. */
const PdFilingRequirement *
pd_checklist_get_filing (PdChecklist *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->has_filing ? &self->filing : NULL;
}

const char *
pd_checklist_item_state_to_string (PdChecklistItemState state)
{
  static const char * const names[] = {
    "missing", "expired", "expires-before-decision", "needs-authentication", "provided", "ok",
  };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), NULL);

  return names[state];
}

const char *
pd_checklist_item_state_describe (PdChecklistItemState state)
{
  switch (state)
    {
    case PD_CHECKLIST_ITEM_MISSING: return _("Missing");
    case PD_CHECKLIST_ITEM_EXPIRED: return _("Expired");
    case PD_CHECKLIST_ITEM_EXPIRES_BEFORE_DECISION: return _("Expires before the decision");
    case PD_CHECKLIST_ITEM_NEEDS_AUTHENTICATION: return _("Needs authentication");
    case PD_CHECKLIST_ITEM_PROVIDED: return _("Provided");
    case PD_CHECKLIST_ITEM_OK: return _("Ready");
    default: g_return_val_if_reached (NULL);
    }
}

/* Returns: (transfer full): e.g. "apostille, certified translation", or "" for none. */
char *
pd_auth_flags_describe (PdAuthFlags flags)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (flags & PD_AUTH_ORIGINAL)
    g_ptr_array_add (parts, (char *) _("original"));
  if (flags & PD_AUTH_COMPANY_SEAL)
    g_ptr_array_add (parts, (char *) _("copy with the company seal"));
  if ((flags & AUTH_EITHER) == AUTH_EITHER)
    g_ptr_array_add (parts, (char *) _("apostille or consular legalisation"));
  else if (flags & PD_AUTH_APOSTILLE)
    g_ptr_array_add (parts, (char *) _("apostille"));
  else if (flags & PD_AUTH_LEGALISATION)
    g_ptr_array_add (parts, (char *) _("consular legalisation"));
  if (flags & PD_AUTH_TRANSLATION)
    g_ptr_array_add (parts, (char *) _("certified Chinese translation"));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (", ", (char **) parts->pdata);
}

const char *
pd_case_kind_to_string (PdCaseKind kind)
{
  g_return_val_if_fail ((guint) kind < PD_N_CASE_KINDS, NULL);

  return kind_names[kind];
}

gboolean
pd_case_kind_from_string (const char *text,
                          PdCaseKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < PD_N_CASE_KINDS; i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}
