/* pd-rules-diff.c: what changed between two loaded rule sets, in words a user reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-rules-private.h"

const char *
pd_case_kind_title (int kind)
{
  switch (kind)
    {
    case PD_CASE_KIND_NEW_PERMIT: return _("New work permit");
    case PD_CASE_KIND_RENEWAL: return _("Renewal");
    case PD_CASE_KIND_CHANGE: return _("Change of particulars");
    case PD_CASE_KIND_CANCELLATION: return _("Cancellation");
    case PD_CASE_KIND_ESSC_UPGRADE: return _("e-SSC upgrade of a legacy card");
    case PD_CASE_KIND_RESIDENCE_PERMIT: return _("Residence permit");
    default: g_assert_not_reached ();
    }
}

static const PdRuleSet *
find_set (PdRulesData *data,
          const char  *id)
{
  for (guint i = 0; i < data->sets->len; i++)
    {
      const PdRuleSet *set = g_ptr_array_index (data->sets, i);

      if (g_str_equal (set->id, id))
        return set;
    }

  return NULL;
}

static void
diff_sets (PdRulesData *old_data,
           PdRulesData *new_data,
           GPtrArray   *changes)
{
  for (guint i = 0; i < new_data->sets->len; i++)
    {
      const PdRuleSet *set = g_ptr_array_index (new_data->sets, i);
      const PdRuleSet *old_set = find_set (old_data, set->id);

      if (old_set == NULL)
        g_ptr_array_add (changes, g_strdup_printf (_("New rule set “%s”, version %s"),
                                                   set->id, set->version));
      else if (!g_str_equal (old_set->version, set->version))
        g_ptr_array_add (changes, g_strdup_printf (_("Rule set “%s”: version %s replaces %s"),
                                                   set->id, set->version, old_set->version));
    }

  for (guint i = 0; i < old_data->sets->len; i++)
    {
      const PdRuleSet *set = g_ptr_array_index (old_data->sets, i);

      if (find_set (new_data, set->id) == NULL)
        g_ptr_array_add (changes, g_strdup_printf (_("Rule set “%s” was withdrawn"), set->id));
    }
}

static void
diff_documents (PdRulesData *old_data,
                PdRulesData *new_data,
                gboolean     zh,
                GPtrArray   *changes)
{
  for (guint i = 0; i < new_data->document_list->len; i++)
    {
      const PdRuleDocument *doc = g_ptr_array_index (new_data->document_list, i);
      const PdRuleDocument *old_doc = g_hash_table_lookup (old_data->documents, doc->key);

      if (old_doc == NULL)
        continue;
      if (old_doc->validity_months != doc->validity_months)
        g_ptr_array_add (changes, g_strdup_printf (_("%s: now valid for %d months (was %d)"),
                                                   pd_text_get (&doc->title, zh),
                                                   doc->validity_months, old_doc->validity_months));
      else if (!pd_text_equal (&old_doc->explanation, &doc->explanation))
        g_ptr_array_add (changes, g_strdup_printf (_("%s: the explanation changed"),
                                                   pd_text_get (&doc->title, zh)));
    }
}

static const PdRuleItem *
find_item (const PdRuleCase *rule_case,
           const char       *key)
{
  for (guint i = 0; i < rule_case->items->len; i++)
    {
      const PdRuleItem *item = &g_array_index (rule_case->items, PdRuleItem, i);

      if (g_str_equal (item->document->key, key))
        return item;
    }

  return NULL;
}

static const PdRuleDeadline *
find_deadline (const PdRuleCase *rule_case,
               const char       *key)
{
  for (guint i = 0; i < rule_case->deadlines->len; i++)
    {
      const PdRuleDeadline *deadline = &g_array_index (rule_case->deadlines, PdRuleDeadline, i);

      if (g_str_equal (deadline->key, key))
        return deadline;
    }

  return NULL;
}

static void
diff_items (const PdRuleCase *old_case,
            const PdRuleCase *new_case,
            const char       *kind,
            gboolean          zh,
            GPtrArray        *changes)
{
  for (guint i = 0; i < new_case->items->len; i++)
    {
      const PdRuleItem *item = &g_array_index (new_case->items, PdRuleItem, i);
      const PdRuleItem *old_item = find_item (old_case, item->document->key);
      const char *title = pd_text_get (&item->document->title, zh);

      if (old_item == NULL)
        g_ptr_array_add (changes, g_strdup_printf (_("%s: “%s” is now on the checklist"), kind, title));
      else if (old_item->required != item->required)
        g_ptr_array_add (changes, g_strdup_printf (item->required ? _("%s: “%s” is now required")
                                                                  : _("%s: “%s” is now optional"),
                                                   kind, title));
      else if (old_item->auth != item->auth ||
               memcmp (&old_item->when, &item->when, sizeof item->when) != 0)
        g_ptr_array_add (changes, g_strdup_printf (_("%s: the conditions for “%s” changed"), kind, title));
    }

  for (guint i = 0; i < old_case->items->len; i++)
    {
      const PdRuleItem *item = &g_array_index (old_case->items, PdRuleItem, i);

      if (find_item (new_case, item->document->key) == NULL)
        g_ptr_array_add (changes, g_strdup_printf (_("%s: “%s” is no longer needed"), kind,
                                                   pd_text_get (&item->document->title, zh)));
    }
}

static void
diff_deadlines (const PdRuleCase *old_case,
                const PdRuleCase *new_case,
                const char       *kind,
                gboolean          zh,
                GPtrArray        *changes)
{
  for (guint i = 0; i < new_case->deadlines->len; i++)
    {
      const PdRuleDeadline *deadline = &g_array_index (new_case->deadlines, PdRuleDeadline, i);
      const PdRuleDeadline *old_deadline = find_deadline (old_case, deadline->key);
      const char *title = pd_text_get (&deadline->title, zh);

      if (old_deadline == NULL)
        g_ptr_array_add (changes, g_strdup_printf (_("%s: new deadline “%s”"), kind, title));
      else if (old_deadline->offset != deadline->offset ||
               old_deadline->working_days != deadline->working_days ||
               old_deadline->anchor != deadline->anchor)
        g_ptr_array_add (changes, g_strdup_printf (_("%s: the deadline “%s” moved from %d to %d days"),
                                                   kind, title, old_deadline->offset, deadline->offset));
    }

  for (guint i = 0; i < old_case->deadlines->len; i++)
    {
      const PdRuleDeadline *deadline = &g_array_index (old_case->deadlines, PdRuleDeadline, i);

      if (find_deadline (new_case, deadline->key) == NULL)
        g_ptr_array_add (changes, g_strdup_printf (_("%s: the deadline “%s” was dropped"), kind,
                                                   pd_text_get (&deadline->title, zh)));
    }
}

static void
diff_cities (PdRulesData *old_data,
             PdRulesData *new_data,
             gboolean     zh,
             GPtrArray   *changes)
{
  for (guint i = 0; i < new_data->city_list->len; i++)
    {
      const PdRuleCity *city = g_ptr_array_index (new_data->city_list, i);
      const PdRuleCity *old_city = g_hash_table_lookup (old_data->cities, city->id);
      gboolean was_required = old_city != NULL && old_city->filing_required;

      if (city->filing_required && !was_required)
        g_ptr_array_add (changes, g_strdup_printf (_("%s now requires filing originals in person"),
                                                   pd_text_get (&city->name, zh)));
      else if (!city->filing_required && was_required)
        g_ptr_array_add (changes, g_strdup_printf (_("%s no longer requires filing in person"),
                                                   pd_text_get (&city->name, zh)));
      else if (city->filing_required &&
               (!pd_text_equal (&city->office, &old_city->office) ||
                !pd_text_equal (&city->address, &old_city->address) ||
                city->bring->len != old_city->bring->len))
        g_ptr_array_add (changes, g_strdup_printf (_("%s: the filing office or what to bring changed"),
                                                   pd_text_get (&city->name, zh)));
    }
}

static void
diff_holidays (PdRulesData *old_data,
               PdRulesData *new_data,
               GPtrArray   *changes)
{
  for (int year = 2000; year <= 2100; year++)
    {
      GDate date;
      gboolean differs = FALSE;
      gboolean old_confirmed, new_confirmed;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, year);
      old_confirmed = pd_work_calendar_is_confirmed (old_data->calendar, &date);
      new_confirmed = pd_work_calendar_is_confirmed (new_data->calendar, &date);

      for (; g_date_get_year (&date) == year && !differs; g_date_add_days (&date, 1))
        differs = pd_work_calendar_is_working_day (old_data->calendar, &date) !=
                  pd_work_calendar_is_working_day (new_data->calendar, &date);

      if (differs)
        g_ptr_array_add (changes, g_strdup_printf (_("The public holidays of %d changed"), year));
      if (new_confirmed && !old_confirmed)
        g_ptr_array_add (changes, g_strdup_printf (_("The public holidays of %d are now officially confirmed"), year));
    }
}

GPtrArray *
pd_rules_data_diff (PdRulesData *old_data,
                    PdRulesData *new_data,
                    gboolean     zh)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_free);

  diff_sets (old_data, new_data, changes);
  diff_documents (old_data, new_data, zh, changes);
  for (int kind = 0; kind < PD_N_CASE_KINDS; kind++)
    {
      diff_items (&old_data->cases[kind], &new_data->cases[kind], pd_case_kind_title (kind), zh, changes);
      diff_deadlines (&old_data->cases[kind], &new_data->cases[kind], pd_case_kind_title (kind), zh, changes);
    }
  diff_cities (old_data, new_data, zh, changes);
  diff_holidays (old_data, new_data, changes);

  return changes;
}
