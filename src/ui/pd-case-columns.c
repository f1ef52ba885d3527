/* pd-case-columns.c: the columns of the Cases table (title, cell text, order)
 *
 * Every comparison reads the cached summary or a plain field: sorting 100,000
 * cases must take well under 100 ms, so a comparison reads only the cached
 * summaries, never the objects. Ties fall back to the objects' identity so that
 * every order is total.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-cases-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-case-columns.h"
#include "pd-core.h"

char *
pd_case_format_date (const GDate *date)
{
  char buf[16];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

/* "Never" until the portal acknowledged the case: the sync engine's synced-at
 * when the model has it, else whether the portal gave the case a version. */
char *
pd_case_format_synced (PdCase *item)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), "synced-at");
  g_autoptr(GDateTime) synced = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (pspec != NULL && pspec->value_type == G_TYPE_DATE_TIME)
    g_object_get (item, "synced-at", &synced, NULL);
  else if (pd_case_get_version (item) > 0)
    synced = g_date_time_ref (pd_case_get_updated_at (item));

  if (synced == NULL)
    return g_strdup (_("Never"));

  local = g_date_time_to_local (synced);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The last tie-break: cases are distinct objects, so their addresses order them
 * totally and stably for the life of the list, at no cost. */
static int
by_identity (PdCase *a,
             PdCase *b)
{
  return (a > b) - (a < b);
}

static int
strings (const char *a,
         const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
dates (const GDate *a,
       const GDate *b)
{
  gboolean va = a != NULL && g_date_valid (a), vb = b != NULL && g_date_valid (b);

  if (!va || !vb)
    return (!va) - (!vb);
  return g_date_compare (a, b);
}

static PdPermit *
permit_of (PdCase *item)
{
  return pd_case_get_permit (item);
}

/* ---- cell text ---- */

static char *
person_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return pd_person_dup_display_name (pd_case_get_person (item));
}

static char *
nationality_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return g_strdup (pd_person_get_nationality (pd_case_get_person (item)));
}

static char *
kind_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return g_strdup (pd_case_kind_to_label (pd_case_get_kind (item)));
}

static char *
status_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return g_strdup (pd_case_status_to_label (pd_case_get_status (item)));
}

static char *
city_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return g_strdup (pd_city_to_label (pd_case_get_city (item)));
}

static char *
permit_number_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return g_strdup (permit_of (item) ? pd_permit_get_number (permit_of (item)) : NULL);
}

static char *
permit_expiry_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return pd_case_format_date (permit_of (item) ? pd_permit_get_valid_until (permit_of (item)) : NULL);
}

static char *
deadline_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  g_autofree char *date = pd_case_format_date (&summary->next_deadline);
  int days;

  if (!g_date_valid (&summary->next_deadline))
    return g_steal_pointer (&date);

  days = pd_case_days_until (&summary->next_deadline, today);
  if (days < 0)
    /* Translators: a deadline date, then how long ago it passed */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day overdue)", "%s (%d days overdue)", -days),
                            date, -days);
  if (days == 0)
    return g_strdup_printf (_("%s (today)"), date);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (in %d day)", "%s (in %d days)", days), date, days);
}

static char *
completeness_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  if (summary->completeness < 0)
    return g_strdup ("—");
  /* Translators: documents complete, in percent */
  return g_strdup_printf (_("%d %%"), summary->completeness);
}

static char *
synced_text (PdCase *item, const PdCaseSummary *summary, const GDate *today)
{
  return pd_case_format_synced (item);
}

/* ---- order ---- */

static int
person_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return strcmp (sa->name_key, sb->name_key);
}

static int
nationality_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return strings (sa->nationality, sb->nationality);
}

static int
kind_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return sa->kind - sb->kind;
}

static int
status_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return sa->status - sb->status;
}

static int
city_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return strings (sa->city, sb->city);
}

static int
permit_number_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return strings (sa->permit_number, sb->permit_number);
}

/* Unknown expiry (0) sorts last, as unknown dates do in the other columns. */
static int
permit_expiry_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  if (sa->permit_expiry == 0 || sb->permit_expiry == 0)
    return (sa->permit_expiry == 0) - (sb->permit_expiry == 0);
  return (sa->permit_expiry > sb->permit_expiry) - (sa->permit_expiry < sb->permit_expiry);
}

static int
deadline_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return dates (&sa->next_deadline, &sb->next_deadline);
}

static int
completeness_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return sa->completeness - sb->completeness;
}

static int
synced_compare (PdCase *a, const PdCaseSummary *sa, PdCase *b, const PdCaseSummary *sb)
{
  return (sa->synced > sb->synced) - (sa->synced < sb->synced);
}

/* ---- sort keys: the same orders as numbers (see PdCaseKeyFunc) ---- */

/* Signed to unsigned, keeping the order. */
static guint64
signed_key (gint64 value)
{
  return (guint64) value ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

static guint64
person_key (const PdCaseSummary *summary)
{
  return pd_core_string_sort_key (summary->name_key);
}

static guint64
nationality_key (const PdCaseSummary *summary)
{
  return pd_core_string_sort_key (summary->nationality);
}

static guint64
kind_key (const PdCaseSummary *summary)
{
  return signed_key (summary->kind);
}

static guint64
status_key (const PdCaseSummary *summary)
{
  return signed_key (summary->status);
}

static guint64
city_key (const PdCaseSummary *summary)
{
  return pd_core_string_sort_key (summary->city);
}

static guint64
permit_number_key (const PdCaseSummary *summary)
{
  return pd_core_string_sort_key (summary->permit_number);
}

static guint64
permit_expiry_key (const PdCaseSummary *summary)
{
  return summary->permit_expiry != 0 ? summary->permit_expiry : G_MAXUINT64;
}

static guint64
deadline_key (const PdCaseSummary *summary)
{
  return g_date_valid (&summary->next_deadline) ? g_date_get_julian (&summary->next_deadline) : G_MAXUINT64;
}

static guint64
completeness_key (const PdCaseSummary *summary)
{
  return signed_key (summary->completeness);
}

static guint64
synced_key (const PdCaseSummary *summary)
{
  return signed_key (summary->synced);
}

static const PdCaseColumn columns[] = {
  { "person", N_("Person"), 240, person_text, person_compare, person_key, FALSE, FALSE },
  { "nationality", N_("Nationality"), 90, nationality_text, nationality_compare, nationality_key, FALSE, FALSE },
  { "kind", N_("Kind"), 150, kind_text, kind_compare, kind_key, TRUE, FALSE },
  { "status", N_("Status"), 130, status_text, status_compare, status_key, TRUE, FALSE },
  { "city", N_("City"), 100, city_text, city_compare, city_key, FALSE, FALSE },
  { "permit-number", N_("Permit Number"), 170, permit_number_text, permit_number_compare, permit_number_key, FALSE, FALSE },
  { "permit-expiry", N_("Permit Expiry"), 110, permit_expiry_text, permit_expiry_compare, permit_expiry_key, TRUE, FALSE },
  { "next-deadline", N_("Next Deadline"), 200, deadline_text, deadline_compare, deadline_key, TRUE, TRUE },
  { "documents", N_("Documents"), 100, completeness_text, completeness_compare, completeness_key, TRUE, TRUE },
  { "last-synced", N_("Last Synced"), 140, synced_text, synced_compare, synced_key, TRUE, FALSE },
};

guint
pd_case_columns_get_n (void)
{
  return G_N_ELEMENTS (columns);
}

const PdCaseColumn *
pd_case_columns_get (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (columns), NULL);

  return &columns[position];
}

typedef struct {
  const PdCaseColumn *column;
  PdCaseIndex        *index;
} SorterData;

static void
sorter_data_free (gpointer data)
{
  SorterData *sorter = data;

  g_object_unref (sorter->index);
  g_free (sorter);
}

/* The two objects pd_case_columns_get_sort() compares, and the column whose
 * sorter was asked first. */
static GObject *probe_a, *probe_b;
static const PdCaseColumn *probed_column;

static int
compare_cases (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SorterData *data = user_data;
  PdCase *x = (PdCase *) a, *y = (PdCase *) b;
  int result;

  if (G_UNLIKELY (a == probe_a && b == probe_b))
    {
      if (probed_column == NULL)
        probed_column = data->column;
      return GTK_ORDERING_SMALLER;
    }

  /* Called millions of times per sort: no type checks here. The summary of x
   * stays valid while y's is fetched: they are distinct cases. */
  result = data->column->compare (x, pd_case_index_get_unchecked (data->index, x),
                                  y, pd_case_index_get_unchecked (data->index, y));
  if (result == 0)
    result = by_identity (x, y);

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkSorter *
pd_case_column_new_sorter (const PdCaseColumn *column,
                           PdCaseIndex        *index)
{
  SorterData *data = g_new0 (SorterData, 1);

  data->column = column;
  data->index = g_object_ref (index);
  return GTK_SORTER (gtk_custom_sorter_new (compare_cases, data, sorter_data_free));
}

/* The column the column view's @sorter sorts by, NULL when none, and whether
 * descending. GTK 4.8 has no API for this (4.10 has
 * gtk_column_view_sorter_get_primary_sort_column()), but its sorter asks the
 * primary column's sorter first and inverts the answer when descending: two
 * probe objects that the column sorters recognise tell both. */
const PdCaseColumn *
pd_case_columns_get_sort (GtkSorter *sorter,
                          gboolean  *descending)
{
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (sorter), NULL);
  g_return_val_if_fail (descending != NULL, NULL);

  if (probe_a == NULL)
    {
      probe_a = g_object_new (G_TYPE_OBJECT, NULL);
      probe_b = g_object_new (G_TYPE_OBJECT, NULL);
    }

  probed_column = NULL;
  ordering = gtk_sorter_compare (sorter, probe_a, probe_b);
  *descending = ordering == GTK_ORDERING_LARGER;
  return ordering != GTK_ORDERING_EQUAL ? probed_column : NULL;
}
