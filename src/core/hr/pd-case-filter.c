/* pd-case-filter.c: which cases the HR table shows
 *
 * A filter is plain data so that it can be saved (GSettings, as a{sv}) and
 * compared; matching reads only the case's cached summary and a few fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-hr"

#include "config.h"

#include <string.h>

#include "pd-case-filter.h"

G_DEFINE_BOXED_TYPE (PdCaseFilter, pd_case_filter, pd_case_filter_copy, pd_case_filter_free)

PdCaseFilter *
pd_case_filter_new (void)
{
  PdCaseFilter *filter = g_new0 (PdCaseFilter, 1);

  filter->kind = -1;
  filter->status = -1;
  filter->due_within_days = -1;
  return filter;
}

PdCaseFilter *
pd_case_filter_copy (const PdCaseFilter *filter)
{
  PdCaseFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->text = g_strdup (filter->text);
  copy->city = g_strdup (filter->city);
  copy->city_key = g_strdup (filter->city_key);
  return copy;
}

void
pd_case_filter_free (PdCaseFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->text);
  g_free (filter->city);
  g_free (filter->city_key);
  g_free (filter);
}

static gboolean
blank (const char *text)
{
  return text == NULL || *text == '\0';
}

gboolean
pd_case_filter_equal (const PdCaseFilter *a,
                      const PdCaseFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return (blank (a->text) ? blank (b->text) : g_strcmp0 (a->text, b->text) == 0) &&
         a->kind == b->kind && a->status == b->status && g_strcmp0 (a->city, b->city) == 0 &&
         a->due_within_days == b->due_within_days && a->overdue == b->overdue &&
         a->awaiting_filing == b->awaiting_filing && a->legacy_to_upgrade == b->legacy_to_upgrade;
}

gboolean
pd_case_filter_is_empty (const PdCaseFilter *filter)
{
  g_autoptr(PdCaseFilter) empty = pd_case_filter_new ();

  g_return_val_if_fail (filter != NULL, TRUE);

  return pd_case_filter_equal (filter, empty);
}

void
pd_case_filter_set_text (PdCaseFilter *filter,
                         const char   *text)
{
  g_return_if_fail (filter != NULL);

  g_free (filter->text);
  filter->text = blank (text) ? NULL : g_strdup (text);
}

void
pd_case_filter_set_city (PdCaseFilter *filter,
                         const char   *city)
{
  g_return_if_fail (filter != NULL);

  g_free (filter->city);
  g_free (filter->city_key);
  filter->city = blank (city) ? NULL : g_strdup (city);
  filter->city_key = filter->city ? pd_city_dup_key (filter->city) : NULL;
}

static gboolean
deadline_matches (const PdCaseFilter  *filter,
                  const PdCaseSummary *summary,
                  const GDate         *today)
{
  int days;

  if (filter->due_within_days < 0 && !filter->overdue)
    return TRUE;
  if (!g_date_valid (&summary->next_deadline))
    return FALSE;

  days = pd_case_days_until (&summary->next_deadline, today);
  if (filter->overdue && days < 0)
    return TRUE;

  return filter->due_within_days >= 0 && days >= 0 && days <= filter->due_within_days;
}

/* Whether matching reads what only complete summaries have (deadlines from the
 * checklist, filings due): see pd_case_index_get_basic_unchecked(). */
gboolean
pd_case_filter_needs_checklist (const PdCaseFilter *filter)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  return filter->due_within_days >= 0 || filter->overdue || filter->awaiting_filing;
}

/* @folded_text is the filter's text folded with pd_search_fold(), folded once
 * by the caller rather than once per case. */
gboolean
pd_case_filter_matches (const PdCaseFilter  *filter,
                        const char          *folded_text,
                        const PdCaseSummary *summary,
                        const GDate         *today)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (summary != NULL && today != NULL, FALSE);

  /* The summary alone: a pass over 100,000 cases reads no case object. */
  if (filter->kind >= 0 && summary->kind != filter->kind)
    return FALSE;
  if (filter->status >= 0 && summary->status != filter->status)
    return FALSE;
  if (filter->city != NULL &&
      (filter->city_key != NULL ? g_strcmp0 (summary->city_key, filter->city_key)
                                : g_strcmp0 (summary->city, filter->city)) != 0)
    return FALSE;
  if (filter->awaiting_filing && !summary->awaiting_filing)
    return FALSE;
  if (filter->legacy_to_upgrade && !summary->legacy_to_upgrade)
    return FALSE;
  if (!deadline_matches (filter, summary, today))
    return FALSE;

  return blank (folded_text) || strstr (summary->search_key, folded_text) != NULL;
}

GVariant *
pd_case_filter_to_variant (const PdCaseFilter *filter)
{
  GVariantDict dict;

  g_return_val_if_fail (filter != NULL, NULL);

  g_variant_dict_init (&dict, NULL);
  if (!blank (filter->text))
    g_variant_dict_insert (&dict, "text", "s", filter->text);
  if (filter->kind >= 0)
    g_variant_dict_insert (&dict, "kind", "i", filter->kind);
  if (filter->status >= 0)
    g_variant_dict_insert (&dict, "status", "i", filter->status);
  if (filter->city != NULL)
    g_variant_dict_insert (&dict, "city", "s", filter->city);
  if (filter->due_within_days >= 0)
    g_variant_dict_insert (&dict, "due-within-days", "i", filter->due_within_days);
  if (filter->overdue)
    g_variant_dict_insert (&dict, "overdue", "b", TRUE);
  if (filter->awaiting_filing)
    g_variant_dict_insert (&dict, "awaiting-filing", "b", TRUE);
  if (filter->legacy_to_upgrade)
    g_variant_dict_insert (&dict, "legacy-to-upgrade", "b", TRUE);

  return g_variant_dict_end (&dict);
}

/* Unknown keys and values of the wrong type are ignored: a filter saved by a
 * newer version still opens, as much of it as this version understands. */
PdCaseFilter *
pd_case_filter_new_from_variant (GVariant *variant)
{
  PdCaseFilter *filter = pd_case_filter_new ();
  GVariantDict dict;
  const char *text;
  int value;

  g_return_val_if_fail (variant != NULL, filter);
  g_return_val_if_fail (g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT), filter);

  g_variant_dict_init (&dict, variant);
  if (g_variant_dict_lookup (&dict, "text", "&s", &text))
    pd_case_filter_set_text (filter, text);
  if (g_variant_dict_lookup (&dict, "kind", "i", &value) && value <= PD_CASE_KIND_RESIDENCE_PERMIT)
    filter->kind = value;
  if (g_variant_dict_lookup (&dict, "status", "i", &value) && value <= PD_CASE_STATUS_WITHDRAWN)
    filter->status = value;
  if (g_variant_dict_lookup (&dict, "city", "&s", &text))
    pd_case_filter_set_city (filter, text);
  if (g_variant_dict_lookup (&dict, "due-within-days", "i", &value))
    filter->due_within_days = MAX (value, -1);
  g_variant_dict_lookup (&dict, "overdue", "b", &filter->overdue);
  g_variant_dict_lookup (&dict, "awaiting-filing", "b", &filter->awaiting_filing);
  g_variant_dict_lookup (&dict, "legacy-to-upgrade", "b", &filter->legacy_to_upgrade);
  g_variant_dict_clear (&dict);

  return filter;
}
