/* bench-checklist.c: checklists for 10,000 generated cases
 *
 * Target: under 100 ms for all of them. The baseline, measured in the same run, is
 * the cost of copying the 10,000 queries, i.e. of touching the input once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-util.h"
#include "rules-test-common.h"

#define N_CASES 10000
#define N_RUNS  9

static const char * const cities[] = { "shanghai", "guangzhou", "shenzhen", "beijing", "hangzhou", NULL };
static const char * const nationalities[] = { "DEU", "USA", "IND", "BRA", "JPN", "NGA", "FRA" };
static const char * const documents[] = { "passport", "photo", "contract", "degree", "medical", "non-criminal" };

static GPtrArray *
generate_queries (void)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_checklist_query_free);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < N_CASES; i++)
    {
      PdChecklistQuery *query = pd_checklist_query_new (g_rand_int_range (rand, 0, 6));

      query->city = g_strdup (cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))]);
      query->category = g_rand_int_range (rand, 0, 3);
      query->nationality = g_strdup (nationalities[g_rand_int_range (rand, 0, G_N_ELEMENTS (nationalities))]);
      query->in_china = g_rand_boolean (rand);
      query->legacy_card = g_rand_boolean (rand);
      query->age = g_rand_int_range (rand, 20, 66);
      g_date_set_julian (&query->valid_until, 739000 + g_rand_int_range (rand, 0, 700));
      g_date_set_julian (&query->entry_date, 739000 + g_rand_int_range (rand, 0, 700));
      g_date_set_julian (&query->decision_date, 739000 + g_rand_int_range (rand, 0, 700));
      g_date_set_julian (&query->event_date, 739000 + g_rand_int_range (rand, 0, 700));
      for (guint d = 0; d < G_N_ELEMENTS (documents); d++)
        if (g_rand_boolean (rand))
          {
            PdProvidedDocument *document = pd_checklist_query_provide (query, documents[d]);

            g_date_set_julian (&document->issued, 738800 + g_rand_int_range (rand, 0, 400));
            document->sha256 = g_strdup ("00");
          }
      g_ptr_array_add (queries, query);
    }

  g_rand_free (rand);
  return queries;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = rules_test_source_dir ();
  g_autoptr(PdRules) rules = rules_test_load (dir);
  g_autoptr(GPtrArray) queries = generate_queries ();
  g_autoptr(GDate) today = rules_test_date ("2026-11-30");
  double baseline[N_RUNS], checklists[N_RUNS];
  guint items = 0;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GPtrArray) copies = g_ptr_array_new_full (N_CASES, (GDestroyNotify) pd_checklist_query_free);
      g_autoptr(GPtrArray) results = g_ptr_array_new_full (N_CASES, (GDestroyNotify) pd_checklist_unref);
      gint64 start;

      start = g_get_monotonic_time ();
      for (guint i = 0; i < N_CASES; i++)
        g_ptr_array_add (copies, pd_checklist_query_copy (g_ptr_array_index (queries, i)));
      baseline[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      for (guint i = 0; i < N_CASES; i++)
        g_ptr_array_add (results, pd_rules_make_checklist (rules, g_ptr_array_index (queries, i), today));
      checklists[run] = (g_get_monotonic_time () - start) / 1000.0;

      items = 0;
      for (guint i = 0; i < N_CASES; i++)
        items += pd_checklist_get_n_items (g_ptr_array_index (results, i));
    }

  {
    double base = pd_test_median (baseline, N_RUNS), made = pd_test_median (checklists, N_RUNS);

    g_print ("checklists for %d cases (%u items): median %.2f ms over %d runs (target < 100 ms)\n",
             N_CASES, items, made, N_RUNS);
    g_print ("baseline, copying the %d queries: median %.2f ms; ratio %.2f\n",
             N_CASES, base, made / base);

    return made < 100.0 ? 0 : 1;
  }
}
