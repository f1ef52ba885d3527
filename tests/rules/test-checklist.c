/* test-checklist.c: checklists and deadlines for a table of cases
 *
 * Each row was written by hand from the rules' sources: which documents a case of
 * that kind, city, category and legacy-card status needs ("key?" is optional), its
 * deadlines ("key=date", "~soon" due within 14 days, "~overdue") and the city where
 * originals are filed in person. Today is 30 November 2026 in every row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-points.h"
#include "rules-test-common.h"

#define TODAY "2026-11-30"

typedef struct {
  PdCaseKind        kind;
  const char       *city;
  PdPermitCategory  category;
  gboolean          legacy_card;
  gboolean          in_china;
  const char       *nationality;
  int               age;
  const char       *valid_until;   /* NULL: 2027-03-31 */
  const char       *entry;         /* NULL: 2026-11-20 */
  const char       *event;         /* NULL: 2026-11-25 */
  const char       *items;
  const char       *deadlines;
  const char       *filing_city;
} Row;

#define NP PD_CASE_KIND_NEW_PERMIT
#define RN PD_CASE_KIND_RENEWAL
#define CH PD_CASE_KIND_CHANGE
#define CA PD_CASE_KIND_CANCELLATION
#define EU PD_CASE_KIND_ESSC_UPGRADE
#define RP PD_CASE_KIND_RESIDENCE_PERMIT
#define A PD_PERMIT_CATEGORY_A
#define B PD_PERMIT_CATEGORY_B
#define C PD_PERMIT_CATEGORY_C

#define NP_DEADLINES "visa-with-notice=2027-02-08 residence-permit=2026-12-21 accommodation=2026-11-21~overdue"
#define RN_DEADLINES "renewal-window-opens=2026-12-31 renewal-latest=2027-03-01"
#define RP_DEADLINES "residence-permit=2026-12-21 accommodation=2026-11-21~overdue"

static const Row rows[] = {
  /* New permits: degree always, experience for B, non-criminal record from abroad only. */
  { NP, "shanghai", A, FALSE, FALSE, "DEU", 35, NULL, NULL, NULL,
    "passport photo contract employer-licence degree non-criminal medical salary-proof? hsk?",
    NP_DEADLINES, "Shanghai" },
  { NP, "guangzhou", B, FALSE, FALSE, "USA", 40, NULL, NULL, NULL,
    "passport photo contract employer-licence degree work-experience non-criminal medical salary-proof? hsk?",
    NP_DEADLINES, "Guangzhou" },
  { NP, "shenzhen", C, FALSE, TRUE, "GBR", 30, NULL, NULL, NULL,
    "passport photo contract employer-licence degree medical hsk? visa",
    NP_DEADLINES, "Shenzhen" },
  { NP, "beijing", B, FALSE, TRUE, "FRA", 62, NULL, NULL, NULL,
    "passport photo contract employer-licence degree work-experience medical salary-proof? hsk? age-statement visa",
    NP_DEADLINES, NULL },
  { NP, NULL, C, FALSE, FALSE, "IND", 65, NULL, NULL, NULL,
    "passport photo contract employer-licence degree non-criminal medical hsk? age-statement",
    NP_DEADLINES, NULL },
  { NP, "shanghai", A, FALSE, TRUE, "JPN", 61, NULL, NULL, NULL,
    "passport photo contract employer-licence degree medical salary-proof? hsk? visa",
    NP_DEADLINES, "Shanghai" },
  { NP, "hangzhou", B, TRUE, FALSE, "BRA", 28, NULL, NULL, NULL,
    "passport photo contract employer-licence degree work-experience non-criminal medical salary-proof? hsk?",
    NP_DEADLINES, NULL },
  /* Renewals: the plastic card goes back with the renewal of a legacy permit. */
  { RN, "shanghai", A, TRUE, TRUE, "DEU", 35, NULL, NULL, NULL,
    "passport photo work-permit contract employer-licence legacy-card salary-proof?",
    RN_DEADLINES, "Shanghai" },
  { RN, "shanghai", B, FALSE, TRUE, "USA", 35, NULL, NULL, NULL,
    "passport photo work-permit contract employer-licence salary-proof?",
    RN_DEADLINES, "Shanghai" },
  { RN, "guangzhou", C, TRUE, TRUE, "KOR", 35, NULL, NULL, NULL,
    "passport photo work-permit contract employer-licence legacy-card",
    RN_DEADLINES, "Guangzhou" },
  { RN, "shenzhen", B, TRUE, TRUE, "CAN", 63, NULL, NULL, NULL,
    "passport photo work-permit contract employer-licence legacy-card salary-proof? age-statement",
    RN_DEADLINES, "Shenzhen" },
  { RN, "beijing", A, FALSE, TRUE, "AUS", 50, NULL, NULL, NULL,
    "passport photo work-permit contract employer-licence salary-proof?",
    RN_DEADLINES, NULL },
  { RN, NULL, C, FALSE, TRUE, "NGA", 45, NULL, NULL, NULL,
    "passport photo work-permit contract employer-licence",
    RN_DEADLINES, NULL },
  { RN, "chengdu", B, TRUE, TRUE, "ITA", 33, NULL, NULL, NULL,
    "passport photo work-permit contract employer-licence legacy-card salary-proof?",
    RN_DEADLINES, NULL },
  { RN, "shanghai", B, FALSE, TRUE, "ESP", 33, "2026-12-20", NULL, NULL,
    "passport photo work-permit contract employer-licence salary-proof?",
    "renewal-window-opens=2026-09-21 renewal-latest=2026-11-20~overdue", "Shanghai" },
  { RN, "beijing", C, FALSE, TRUE, "MEX", 33, "2027-01-10", NULL, NULL,
    "passport photo work-permit contract employer-licence",
    "renewal-window-opens=2026-10-12 renewal-latest=2026-12-11~soon", NULL },
  /* Changes: within 10 working days of the change. */
  { CH, "shanghai", A, TRUE, TRUE, "DEU", 40, NULL, NULL, NULL,
    "passport work-permit change-proof legacy-card", "change-filing=2026-12-09~soon", "Shanghai" },
  { CH, "guangzhou", B, FALSE, TRUE, "USA", 40, NULL, NULL, NULL,
    "passport work-permit change-proof", "change-filing=2026-12-09~soon", "Guangzhou" },
  { CH, "shenzhen", C, TRUE, TRUE, "RUS", 40, NULL, NULL, NULL,
    "passport work-permit change-proof legacy-card", "change-filing=2026-12-09~soon", "Shenzhen" },
  { CH, "beijing", B, TRUE, TRUE, "GBR", 40, NULL, NULL, NULL,
    "passport work-permit change-proof legacy-card", "change-filing=2026-12-09~soon", NULL },
  { CH, NULL, A, FALSE, TRUE, "FRA", 40, NULL, NULL, NULL,
    "passport work-permit change-proof", "change-filing=2026-12-09~soon", NULL },
  { CH, "hangzhou", B, FALSE, TRUE, "FRA", 40, NULL, NULL, "2026-02-12",
    "passport work-permit change-proof", "change-filing=2026-03-04~overdue", NULL },
  /* Cancellations: no in-person filing in any seed city. */
  { CA, "shanghai", A, TRUE, TRUE, "DEU", 40, NULL, NULL, NULL,
    "passport work-permit termination-proof legacy-card", "cancellation-filing=2026-12-09~soon", NULL },
  { CA, "guangzhou", B, FALSE, TRUE, "USA", 40, NULL, NULL, NULL,
    "passport work-permit termination-proof", "cancellation-filing=2026-12-09~soon", NULL },
  { CA, "shenzhen", C, TRUE, TRUE, "JPN", 40, NULL, NULL, NULL,
    "passport work-permit termination-proof legacy-card", "cancellation-filing=2026-12-09~soon", NULL },
  { CA, "beijing", C, FALSE, TRUE, "KOR", 40, NULL, NULL, NULL,
    "passport work-permit termination-proof", "cancellation-filing=2026-12-09~soon", NULL },
  { CA, NULL, B, TRUE, TRUE, "SGP", 40, NULL, NULL, "2025-09-26",
    "passport work-permit termination-proof legacy-card", "cancellation-filing=2025-10-16~overdue", NULL },
  /* e-SSC upgrades of legacy cards. */
  { EU, "shanghai", A, TRUE, TRUE, "DEU", 40, NULL, NULL, NULL,
    "passport legacy-card work-permit", "legacy-card-expires=2027-03-31", NULL },
  { EU, "guangzhou", B, TRUE, TRUE, "USA", 40, NULL, NULL, NULL,
    "passport legacy-card work-permit", "legacy-card-expires=2027-03-31", NULL },
  { EU, "shenzhen", C, TRUE, TRUE, "THA", 40, NULL, NULL, NULL,
    "passport legacy-card work-permit", "legacy-card-expires=2027-03-31", NULL },
  { EU, "beijing", B, FALSE, TRUE, "VNM", 40, NULL, NULL, NULL,
    "passport work-permit", "legacy-card-expires=2027-03-31", NULL },
  /* Residence permits: within 30 days of entry, rolled past holidays. */
  { RP, "shanghai", A, FALSE, TRUE, "DEU", 40, NULL, NULL, NULL,
    "passport photo visa notice accommodation-registration contract?", RP_DEADLINES, NULL },
  { RP, "guangzhou", B, TRUE, TRUE, "USA", 40, NULL, NULL, NULL,
    "passport photo visa notice accommodation-registration contract?", RP_DEADLINES, NULL },
  { RP, "beijing", C, FALSE, TRUE, "EGY", 40, NULL, NULL, NULL,
    "passport photo visa notice accommodation-registration contract?", RP_DEADLINES, NULL },
  { RP, NULL, B, FALSE, TRUE, "ZAF", 40, NULL, "2025-09-05", NULL,
    "passport photo visa notice accommodation-registration contract?",
    "residence-permit=2025-10-09~overdue accommodation=2025-09-06~overdue", NULL },
  { RP, "shenzhen", C, FALSE, TRUE, "PHL", 40, NULL, "2026-01-17", NULL,
    "passport photo visa notice accommodation-registration contract?",
    "residence-permit=2026-02-24~overdue accommodation=2026-01-18~overdue", NULL },
};

static PdRules *rules;

static PdChecklistQuery *
query_for_row (const Row *row)
{
  PdChecklistQuery *query = pd_checklist_query_new (row->kind);

  query->city = g_strdup (row->city);
  query->category = row->category;
  query->legacy_card = row->legacy_card;
  query->in_china = row->in_china;
  query->nationality = g_strdup (row->nationality);
  query->age = row->age;
  rules_test_set_date (&query->valid_until, row->valid_until ? row->valid_until : "2027-03-31");
  rules_test_set_date (&query->entry_date, row->entry ? row->entry : "2026-11-20");
  rules_test_set_date (&query->decision_date, "2026-11-10");
  rules_test_set_date (&query->event_date, row->event ? row->event : "2026-11-25");

  return query;
}

static char *
describe_items (PdChecklist *checklist)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pd_checklist_get_n_items (checklist); i++)
    {
      const PdChecklistItem *item = pd_checklist_get_item (checklist, i);

      g_string_append_printf (text, "%s%s%s", i ? " " : "", item->key, item->required ? "" : "?");
    }

  return g_string_free (text, FALSE);
}

static char *
describe_deadlines (PdChecklist *checklist)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < pd_checklist_get_n_deadlines (checklist); i++)
    {
      const PdDeadline *deadline = pd_checklist_get_deadline (checklist, i);
      g_autofree char *date = rules_test_format_date (&deadline->date);

      g_string_append_printf (text, "%s%s=%s%s", i ? " " : "", deadline->key, date,
                              deadline->overdue ? "~overdue" : deadline->due_soon ? "~soon" : "");
    }

  return g_string_free (text, FALSE);
}

static void
test_row (gconstpointer data)
{
  const Row *row = data;
  g_autoptr(PdChecklistQuery) query = query_for_row (row);
  g_autoptr(GDate) today = rules_test_date (TODAY);
  g_autoptr(PdChecklist) checklist = pd_rules_make_checklist (rules, query, today);
  g_autofree char *items = describe_items (checklist);
  g_autofree char *deadlines = describe_deadlines (checklist);
  const PdFilingRequirement *filing = pd_checklist_get_filing (checklist);

  g_assert_cmpstr (items, ==, row->items);
  g_assert_cmpstr (deadlines, ==, row->deadlines);
  g_assert_cmpstr (filing ? filing->city : NULL, ==, row->filing_city);
  if (filing != NULL)
    {
      g_assert_cmpuint (filing->bring->len, >, 0);
      g_assert_nonnull (filing->office);
      g_assert_nonnull (filing->address);
    }
  /* Nothing is at hand yet. */
  g_assert_cmpfloat (pd_checklist_get_completeness (checklist), ==, 0.0);
}

static const PdChecklistItem *
item_of (PdChecklist *checklist,
         const char  *key)
{
  const PdChecklistItem *item = pd_checklist_find_item (checklist, key);

  g_assert_nonnull (item);
  return item;
}

static PdChecklist *
make_new_permit (const char         *nationality,
                 PdChecklistQuery  **query_out)
{
  PdChecklistQuery *query = query_for_row (&rows[0]);
  g_autoptr(GDate) today = rules_test_date (TODAY);

  g_free (query->nationality);
  query->nationality = g_strdup (nationality);
  *query_out = query;
  return pd_rules_make_checklist (rules, query, today);
}

static void
test_apostille_or_legalisation (void)
{
  g_autoptr(PdChecklistQuery) german = NULL, indian = NULL, unknown = NULL;
  g_autoptr(PdChecklist) for_german = make_new_permit ("DEU", &german);
  g_autoptr(PdChecklist) for_indian = make_new_permit ("IND", &indian);
  g_autoptr(PdChecklist) for_unknown = make_new_permit (NULL, &unknown);

  g_assert_cmpint (item_of (for_german, "degree")->auth_needed, ==, PD_AUTH_APOSTILLE | PD_AUTH_TRANSLATION);
  /* China does not apply the Convention with India. */
  g_assert_cmpint (item_of (for_indian, "degree")->auth_needed, ==, PD_AUTH_LEGALISATION | PD_AUTH_TRANSLATION);
  g_assert_cmpint (item_of (for_unknown, "degree")->auth_needed, ==,
                   PD_AUTH_APOSTILLE | PD_AUTH_LEGALISATION | PD_AUTH_TRANSLATION);
  g_assert_cmpint (item_of (for_german, "contract")->auth_needed, ==, PD_AUTH_COMPANY_SEAL);
  g_assert_true (pd_rules_is_hague_member (rules, "CHN"));
  g_assert_false (pd_rules_is_hague_member (rules, "IND"));
}

static void
test_item_states (void)
{
  g_autoptr(PdChecklistQuery) query = NULL;
  g_autoptr(PdChecklist) empty = make_new_permit ("DEU", &query);
  g_autoptr(PdChecklist) checklist = NULL;
  g_autoptr(GDate) today = rules_test_date (TODAY);
  PdProvidedDocument *document;

  document = pd_checklist_query_provide (query, "passport");
  document->sha256 = g_strdup ("00");
  pd_checklist_query_provide (query, "photo");
  /* Issued 1 April, valid 6 months: expired on 1 October. */
  document = pd_checklist_query_provide (query, "medical");
  rules_test_set_date (&document->issued, "2026-04-01");
  document->sha256 = g_strdup ("00");
  /* Valid until 1 March 2027, but the apostille is missing. */
  document = pd_checklist_query_provide (query, "non-criminal");
  rules_test_set_date (&document->issued, "2026-09-01");
  document->auth = PD_AUTH_TRANSLATION;
  document->sha256 = g_strdup ("00");
  document = pd_checklist_query_provide (query, "degree");
  document->auth = PD_AUTH_APOSTILLE | PD_AUTH_TRANSLATION;
  document->sha256 = g_strdup ("00");
  document = pd_checklist_query_provide (query, "contract");
  rules_test_set_date (&document->expires, "2026-12-15");
  document->auth = PD_AUTH_COMPANY_SEAL;
  document->sha256 = g_strdup ("00");
  /* The contract ends on 15 December, before the decision expected on 20 December. */
  rules_test_set_date (&query->decision_date, "2026-12-20");

  checklist = pd_rules_make_checklist (rules, query, today);
  g_assert_cmpint (item_of (checklist, "passport")->state, ==, PD_CHECKLIST_ITEM_OK);
  g_assert_cmpint (item_of (checklist, "photo")->state, ==, PD_CHECKLIST_ITEM_PROVIDED);
  g_assert_cmpint (item_of (checklist, "medical")->state, ==, PD_CHECKLIST_ITEM_EXPIRED);
  g_assert_cmpint (item_of (checklist, "non-criminal")->state, ==, PD_CHECKLIST_ITEM_NEEDS_AUTHENTICATION);
  g_assert_cmpint (item_of (checklist, "degree")->state, ==, PD_CHECKLIST_ITEM_OK);
  g_assert_cmpint (item_of (checklist, "contract")->state, ==, PD_CHECKLIST_ITEM_EXPIRES_BEFORE_DECISION);
  g_assert_cmpint (item_of (checklist, "employer-licence")->state, ==, PD_CHECKLIST_ITEM_MISSING);
  /* Required: passport photo contract employer-licence degree non-criminal medical;
   * at hand and usable: passport, photo, degree. */
  g_assert_cmpfloat_with_epsilon (pd_checklist_get_completeness (checklist), 3.0 / 7.0, 1e-9);
  g_assert_cmpfloat (pd_checklist_get_completeness (empty), ==, 0.0);
}

static void
test_texts_follow_language (void)
{
  g_autoptr(PdChecklistQuery) query = query_for_row (&rows[0]);
  g_autoptr(GDate) today = rules_test_date (TODAY);
  g_autoptr(PdChecklist) english = pd_rules_make_checklist (rules, query, today);
  g_autoptr(PdChecklist) chinese = NULL;

  pd_rules_set_language (rules, "zh_CN");
  chinese = pd_rules_make_checklist (rules, query, today);
  pd_rules_set_language (rules, "en");

  g_assert_cmpstr (item_of (english, "passport")->title, ==, "Passport");
  g_assert_cmpstr (item_of (chinese, "passport")->title, ==, "护照");
  g_assert_cmpstr (pd_checklist_get_filing (chinese)->city, ==, "上海");
  g_assert_true (g_str_has_prefix (item_of (chinese, "medical")->explanation, "近6个月"));
}

static void
test_unconfirmed_rules_are_marked (void)
{
  g_autoptr(PdChecklistQuery) query = query_for_row (&rows[0]);
  g_autoptr(GDate) today = rules_test_date (TODAY);
  g_autoptr(PdChecklist) checklist = pd_rules_make_checklist (rules, query, today);

  g_assert_true (item_of (checklist, "passport")->confirmed);
  g_assert_false (item_of (checklist, "non-criminal")->confirmed);
  g_assert_nonnull (item_of (checklist, "passport")->source_url);
  /* The residence permit deadline rolls over holidays; 2026 is officially announced. */
  g_assert_true (pd_checklist_get_deadline (checklist, 1)->confirmed);
  g_assert_false (pd_checklist_get_deadline (checklist, 0)->confirmed);
  g_assert_false (pd_checklist_get_filing (checklist)->confirmed);
}

static void
check_points (const PdPointsFactors *factors,
              int                    total,
              PdPermitCategory       category)
{
  PdPointsEstimate estimate;
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_points_estimate (rules, factors, &estimate, &error));
  g_assert_no_error (error);
  g_assert_cmpint (estimate.total, ==, total);
  g_assert_cmpint (estimate.category, ==, category);
  g_assert_true (estimate.is_estimate);
  g_assert_false (estimate.confirmed);
  g_assert_nonnull (estimate.source_title);
}

static void
test_points (void)
{
  /* 20 + 20 + 10 + 15 + 5 + 15 + 10 */
  PdPointsFactors top = { 6.0, PD_EDUCATION_DOCTORATE, 10, 12, 6, 35, 3 };
  /* 17 + 15 + 5 + 15 + 3 + 15 */
  PdPointsFactors middle = { 4.0, PD_EDUCATION_MASTER, 5, 9, 3, 40, 0 };
  /* 11 + 10 + 0 (under 2 years) + 12 + 0 + 15 */
  PdPointsFactors junior = { 2.5, PD_EDUCATION_BACHELOR, 1, 6, 0, 30, 0 };

  check_points (&top, 95, PD_PERMIT_CATEGORY_A);
  check_points (&middle, 70, PD_PERMIT_CATEGORY_B);
  check_points (&junior, 48, PD_PERMIT_CATEGORY_C);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = rules_test_source_dir ();
  rules = rules_test_load (dir);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rules/checklist/table/%02u-%s-%s-%c%s", i + 1,
                                               pd_case_kind_to_string (rows[i].kind),
                                               rows[i].city ? rows[i].city : "other-city",
                                               'a' + rows[i].category,
                                               rows[i].legacy_card ? "-legacy-card" : "");
      g_test_add_data_func (path, &rows[i], test_row);
    }
  g_test_add_func ("/rules/checklist/apostille-or-legalisation-by-nationality", test_apostille_or_legalisation);
  g_test_add_func ("/rules/checklist/item-states-from-documents-at-hand", test_item_states);
  g_test_add_func ("/rules/checklist/texts-follow-the-language", test_texts_follow_language);
  g_test_add_func ("/rules/checklist/unconfirmed-rules-are-marked", test_unconfirmed_rules_are_marked);
  g_test_add_func ("/rules/points/estimate-category-from-factors", test_points);

  status = g_test_run ();
  g_object_unref (rules);
  return status;
}
