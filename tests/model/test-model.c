/* test-model.c: the model objects, their validation and the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "pd-model.h"
#include "pd-test-util.h"

static GDate *
make_date (int year,
           int month,
           int day)
{
  return g_date_new_dmy (day, month, year);
}

static GDate *
days_from_today (int days)
{
  GDate *date = g_date_new ();

  g_date_set_time_t (date, time (NULL));
  if (days >= 0)
    g_date_add_days (date, days);
  else
    g_date_subtract_days (date, -days);
  return date;
}

/* A case of @kind that passes validation. */
static PdCase *
make_valid_case (PdCaseKind kind)
{
  PdCase *item = pd_case_new (kind);
  PdPerson *person = pd_case_get_person (item);
  g_autoptr(GDate) birth = make_date (1985, 6, 15);

  pd_person_set_name_latin (person, "John Smith");
  pd_person_set_name_zh (person, "约翰·史密斯");
  pd_person_set_nationality (person, "USA");
  pd_person_set_passport_number (person, "E12345678");
  pd_person_set_date_of_birth (person, birth);
  pd_case_set_city (item, "Shanghai");
  pd_case_set_status (item, PD_CASE_STATUS_READY);

  if (kind != PD_CASE_KIND_NEW_PERMIT)
    {
      g_autoptr(PdPermit) permit = pd_permit_new ();
      g_autoptr(GDate) from = make_date (2024, 3, 1);
      g_autoptr(GDate) until = make_date (2026, 2, 28);

      pd_permit_set_number (permit, "310000198506150012");
      pd_permit_set_valid_from (permit, from);
      pd_permit_set_valid_until (permit, until);
      pd_case_set_permit (item, permit);
    }

  return item;
}

/* ---- permit and passport numbers ---- */

typedef struct {
  const char *input;
  gboolean    valid;
  const char *message; /* a part of the message, when invalid */
} NumberCase;

static void
test_permit_number_rules (void)
{
  static const NumberCase cases[] = {
    { "310000198506150012", TRUE, NULL },
    { "000000000000000000", TRUE, NULL },
    { "31000019850615001", FALSE, "this one has 17" },
    { "3100001985061500123", FALSE, "this one has 19" },
    { "1", FALSE, "this one has 1" },
    { "31000019850615001X", FALSE, "“X” is not one" },
    { "310000 198506150012", FALSE, "“ ” is not one" },
    { "３１0000198506150012", FALSE, "“３” is not one" },
    { "", FALSE, "Enter the 18-digit permit number" },
    { "   ", FALSE, "Enter the 18-digit permit number" },
    { NULL, FALSE, "Enter the 18-digit permit number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = pd_validate_permit_number (cases[i].input, &error);

      g_test_message ("permit number case %u", i);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
        }
      else
        {
          g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PERMIT_NUMBER);
          g_assert_nonnull (strstr (error->message, cases[i].message));
        }
    }
}

static void
test_passport_number_rules (void)
{
  static const NumberCase cases[] = {
    { "E12345678", TRUE, NULL },
    { "e12345678", TRUE, NULL },
    { "12345", TRUE, NULL },
    { "AB1234567890CDEFGHIJ", TRUE, NULL },
    { "1234", FALSE, "this one has 4" },
    { "AB1234567890CDEFGHIJK", FALSE, "this one has 21" },
    { "ABCDEFGH", FALSE, "at least one digit" },
    { "E1234-5678", FALSE, "“-” is not allowed" },
    { "E 12345678", FALSE, "“ ” is not allowed" },
    { "Ä12345678", FALSE, "“Ä” is not allowed" },
    { "", FALSE, "Enter the passport number" },
    { NULL, FALSE, "Enter the passport number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = pd_validate_passport_number (cases[i].input, &error);

      g_test_message ("passport number case %u", i);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
        }
      else
        {
          g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PASSPORT_NUMBER);
          g_assert_nonnull (strstr (error->message, cases[i].message));
        }
    }
}

static void
test_nationality_rules (void)
{
  static const struct {
    const char *input;
    gboolean    valid;
    int         code;
  } cases[] = {
    { "USA", TRUE, 0 },
    { "deu", TRUE, 0 },
    { "US", FALSE, PD_MODEL_ERROR_NATIONALITY },
    { "USAA", FALSE, PD_MODEL_ERROR_NATIONALITY },
    { "U5A", FALSE, PD_MODEL_ERROR_NATIONALITY },
    { "美国", FALSE, PD_MODEL_ERROR_NATIONALITY },
    { "", FALSE, PD_MODEL_ERROR_REQUIRED },
    { NULL, FALSE, PD_MODEL_ERROR_REQUIRED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (pd_validate_nationality (cases[i].input, &error), ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, PD_MODEL_ERROR, cases[i].code);
    }
}

static void
test_dates_in_order (void)
{
  g_autoptr(GDate) early = make_date (2024, 1, 31);
  g_autoptr(GDate) late = make_date (2025, 2, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_validate_dates_in_order (early, late, "permit validity", NULL));
  g_assert_true (pd_validate_dates_in_order (early, early, "permit validity", NULL));
  g_assert_true (pd_validate_dates_in_order (NULL, late, "permit validity", NULL));
  g_assert_true (pd_validate_dates_in_order (early, NULL, "permit validity", NULL));

  g_assert_false (pd_validate_dates_in_order (late, early, "permit validity", &error));
  g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_DATES);
  g_assert_cmpstr (error->message, ==,
                   "The permit validity ends before it starts: 2025-02-01 is after 2024-01-31.");
}

/* ---- status transitions ---- */

static void
test_transitions_follow_the_graph (void)
{
  static const PdCaseStatus allowed[][2] = {
    { PD_CASE_STATUS_DRAFT, PD_CASE_STATUS_READY },
    { PD_CASE_STATUS_DRAFT, PD_CASE_STATUS_WITHDRAWN },
    { PD_CASE_STATUS_READY, PD_CASE_STATUS_DRAFT },
    { PD_CASE_STATUS_READY, PD_CASE_STATUS_SUBMITTED },
    { PD_CASE_STATUS_READY, PD_CASE_STATUS_WITHDRAWN },
    { PD_CASE_STATUS_SUBMITTED, PD_CASE_STATUS_UNDER_REVIEW },
    { PD_CASE_STATUS_SUBMITTED, PD_CASE_STATUS_WITHDRAWN },
    { PD_CASE_STATUS_UNDER_REVIEW, PD_CASE_STATUS_APPROVED },
    { PD_CASE_STATUS_UNDER_REVIEW, PD_CASE_STATUS_REJECTED },
    { PD_CASE_STATUS_UNDER_REVIEW, PD_CASE_STATUS_WITHDRAWN },
    { PD_CASE_STATUS_APPROVED, PD_CASE_STATUS_FILING_REQUIRED },
    { PD_CASE_STATUS_APPROVED, PD_CASE_STATUS_COMPLETED },
    { PD_CASE_STATUS_REJECTED, PD_CASE_STATUS_DRAFT },
    { PD_CASE_STATUS_REJECTED, PD_CASE_STATUS_WITHDRAWN },
    { PD_CASE_STATUS_FILING_REQUIRED, PD_CASE_STATUS_FILED },
    { PD_CASE_STATUS_FILING_REQUIRED, PD_CASE_STATUS_WITHDRAWN },
    { PD_CASE_STATUS_FILED, PD_CASE_STATUS_COMPLETED },
    { PD_CASE_STATUS_WITHDRAWN, PD_CASE_STATUS_DRAFT },
  };
  GEnumClass *statuses = g_type_class_ref (PD_TYPE_CASE_STATUS);

  /* Every pair of states: allowed exactly when listed above. */
  for (guint from = 0; from < statuses->n_values; from++)
    for (guint to = 0; to < statuses->n_values; to++)
      {
        gboolean expected = FALSE;

        for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
          expected |= allowed[i][0] == from && allowed[i][1] == to;

        g_test_message ("%s -> %s", statuses->values[from].value_nick, statuses->values[to].value_nick);
        g_assert_cmpint (pd_case_status_can_transition (from, to), ==, expected);
      }

  g_type_class_unref (statuses);
}

static void
test_change_status_refuses_with_message (void)
{
  g_autoptr(PdCase) item = make_valid_case (PD_CASE_KIND_NEW_PERMIT);
  g_autoptr(GError) error = NULL;

  pd_case_set_status (item, PD_CASE_STATUS_DRAFT);
  g_assert_false (pd_case_change_status (item, PD_CASE_STATUS_APPROVED, &error));
  g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_TRANSITION);
  g_assert_cmpstr (error->message, ==, "A case cannot go from “Draft” to “Approved”.");
  g_assert_cmpint (pd_case_get_status (item), ==, PD_CASE_STATUS_DRAFT);

  g_assert_true (pd_case_change_status (item, PD_CASE_STATUS_READY, NULL));
  g_assert_true (pd_case_change_status (item, PD_CASE_STATUS_SUBMITTED, NULL));
  g_assert_true (pd_case_change_status (item, PD_CASE_STATUS_UNDER_REVIEW, NULL));
  g_assert_true (pd_case_change_status (item, PD_CASE_STATUS_APPROVED, NULL));
  g_assert_true (pd_case_change_status (item, PD_CASE_STATUS_FILING_REQUIRED, NULL));
  g_assert_true (pd_case_change_status (item, PD_CASE_STATUS_FILED, NULL));
  g_assert_true (pd_case_change_status (item, PD_CASE_STATUS_COMPLETED, NULL));
  g_assert_cmpint (pd_case_get_status (item), ==, PD_CASE_STATUS_COMPLETED);

  g_clear_error (&error);
  g_assert_false (pd_case_change_status (item, PD_CASE_STATUS_WITHDRAWN, &error));
  g_assert_cmpstr (error->message, ==, "A case cannot go from “Completed” to “Withdrawn”.");
}

/* ---- whole-case validation ---- */

typedef void (*BreakFunc) (PdCase *item);

static void break_no_name (PdCase *item) { pd_person_set_name_latin (pd_case_get_person (item), NULL); pd_person_set_name_zh (pd_case_get_person (item), " "); }
static void break_only_zh_name (PdCase *item) { pd_person_set_name_latin (pd_case_get_person (item), NULL); }
static void break_no_nationality (PdCase *item) { pd_person_set_nationality (pd_case_get_person (item), ""); }
static void break_bad_nationality (PdCase *item) { pd_person_set_nationality (pd_case_get_person (item), "America"); }
static void break_no_passport (PdCase *item) { pd_person_set_passport_number (pd_case_get_person (item), NULL); }
static void break_bad_passport (PdCase *item) { pd_person_set_passport_number (pd_case_get_person (item), "E-1"); }
static void break_no_permit (PdCase *item) { pd_case_set_permit (item, NULL); }
static void break_permit_number (PdCase *item) { pd_permit_set_number (pd_case_get_permit (item), "12345"); }
static void break_empty_permit_number (PdCase *item) { pd_permit_set_number (pd_case_get_permit (item), NULL); }

static void
break_permit_dates (PdCase *item)
{
  g_autoptr(GDate) from = make_date (2027, 1, 1);

  pd_permit_set_valid_from (pd_case_get_permit (item), from);
}

static void
break_birth_in_future (PdCase *item)
{
  g_autoptr(GDate) birth = days_from_today (1);

  pd_person_set_date_of_birth (pd_case_get_person (item), birth);
}

static void
break_birth_today (PdCase *item)
{
  g_autoptr(GDate) birth = days_from_today (0);

  pd_person_set_date_of_birth (pd_case_get_person (item), birth);
}

static void
test_case_validation_rules (void)
{
  static const struct {
    PdCaseKind  kind;
    BreakFunc   breaker;
    gboolean    valid;
    int         code;
    const char *message;
  } cases[] = {
    { PD_CASE_KIND_NEW_PERMIT, NULL, TRUE, 0, NULL },
    { PD_CASE_KIND_RENEWAL, NULL, TRUE, 0, NULL },
    { PD_CASE_KIND_CHANGE, NULL, TRUE, 0, NULL },
    { PD_CASE_KIND_CANCELLATION, NULL, TRUE, 0, NULL },
    { PD_CASE_KIND_ESSC_UPGRADE, NULL, TRUE, 0, NULL },
    { PD_CASE_KIND_RESIDENCE_PERMIT, NULL, TRUE, 0, NULL },
    { PD_CASE_KIND_NEW_PERMIT, break_only_zh_name, TRUE, 0, NULL },
    { PD_CASE_KIND_NEW_PERMIT, break_no_name, FALSE, PD_MODEL_ERROR_REQUIRED, "person’s name" },
    { PD_CASE_KIND_NEW_PERMIT, break_no_nationality, FALSE, PD_MODEL_ERROR_REQUIRED, "nationality" },
    { PD_CASE_KIND_NEW_PERMIT, break_bad_nationality, FALSE, PD_MODEL_ERROR_NATIONALITY, "three-letter" },
    { PD_CASE_KIND_NEW_PERMIT, break_no_passport, FALSE, PD_MODEL_ERROR_PASSPORT_NUMBER, "passport number" },
    { PD_CASE_KIND_NEW_PERMIT, break_bad_passport, FALSE, PD_MODEL_ERROR_PASSPORT_NUMBER, "“-”" },
    { PD_CASE_KIND_NEW_PERMIT, break_birth_in_future, FALSE, PD_MODEL_ERROR_DATES, "date of birth" },
    { PD_CASE_KIND_NEW_PERMIT, break_birth_today, FALSE, PD_MODEL_ERROR_DATES, "not in the past" },
    { PD_CASE_KIND_RENEWAL, break_no_permit, FALSE, PD_MODEL_ERROR_REQUIRED, "“Renewal” case needs" },
    { PD_CASE_KIND_CHANGE, break_empty_permit_number, FALSE, PD_MODEL_ERROR_REQUIRED, "“Change of particulars”" },
    { PD_CASE_KIND_CANCELLATION, break_permit_number, FALSE, PD_MODEL_ERROR_PERMIT_NUMBER, "this one has 5" },
    { PD_CASE_KIND_ESSC_UPGRADE, break_no_permit, FALSE, PD_MODEL_ERROR_REQUIRED, "“e-SSC upgrade”" },
    { PD_CASE_KIND_RESIDENCE_PERMIT, break_no_permit, FALSE, PD_MODEL_ERROR_REQUIRED, "work permit it is based on" },
    { PD_CASE_KIND_RESIDENCE_PERMIT, break_empty_permit_number, TRUE, 0, NULL },
    { PD_CASE_KIND_RENEWAL, break_permit_dates, FALSE, PD_MODEL_ERROR_DATES, "2027-01-01 is after 2026-02-28" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdCase) item = make_valid_case (cases[i].kind);
      g_autoptr(GError) error = NULL;

      g_test_message ("case validation %u", i);
      if (cases[i].breaker != NULL)
        cases[i].breaker (item);

      g_assert_cmpint (pd_case_validate (item, &error), ==, cases[i].valid);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
        }
      else
        {
          g_assert_error (error, PD_MODEL_ERROR, cases[i].code);
          g_assert_nonnull (strstr (error->message, cases[i].message));
        }
    }
}

static void
test_draft_may_wait_for_its_permit (void)
{
  g_autoptr(PdCase) item = make_valid_case (PD_CASE_KIND_RENEWAL);
  g_autoptr(PdPermit) bad = pd_permit_new ();
  g_autoptr(GError) error = NULL;

  pd_case_set_status (item, PD_CASE_STATUS_DRAFT);
  pd_case_set_permit (item, NULL);
  g_assert_true (pd_case_validate (item, &error));
  g_assert_no_error (error);

  /* Leaving the draft state needs the permit. */
  pd_case_set_status (item, PD_CASE_STATUS_READY);
  g_assert_false (pd_case_validate (item, &error));
  g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_REQUIRED);
  g_clear_error (&error);

  /* A number given in a draft must still be a permit number. */
  pd_case_set_status (item, PD_CASE_STATUS_DRAFT);
  pd_permit_set_number (bad, "12345");
  pd_case_set_permit (item, bad);
  g_assert_false (pd_case_validate (item, &error));
  g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PERMIT_NUMBER);
}

/* ---- properties ---- */

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A value for @pspec different from @current; calling it twice gives equal values
 * that are distinct instances, so equality is by value. */
static void
make_other_value (GParamSpec   *pspec,
                  const GValue *current,
                  GValue       *value)
{
  GType type = pspec->value_type;

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    g_value_set_string (value, "约翰 value");
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, !g_value_get_boolean (current));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, g_value_get_int64 (current) + 42);
  else if (type == G_TYPE_DATE)
    g_value_take_boxed (value, make_date (2001, 2, 3));
  else if (type == G_TYPE_DATE_TIME)
    {
      /* The same instant as 2001-02-03 04:05:06 UTC, told in Beijing time. */
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+08:00");

      g_value_take_boxed (value, g_date_time_new (zone, 2001, 2, 3, 12, 5, 6));
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = g_type_class_peek (type);
      int last = klass->values[klass->n_values - 1].value;

      g_value_set_enum (value, g_value_get_enum (current) == last ? klass->values[0].value : last);
    }
  else if (g_type_is_a (type, G_TYPE_OBJECT))
    {
      static GHashTable *instances;

      /* One instance per type, so the second set is the same object. */
      if (instances == NULL)
        instances = g_hash_table_new (NULL, NULL);
      if (!g_hash_table_contains (instances, GSIZE_TO_POINTER (type)))
        g_hash_table_insert (instances, GSIZE_TO_POINTER (type), g_object_new (type, NULL));
      g_value_set_object (value, g_hash_table_lookup (instances, GSIZE_TO_POINTER (type)));
    }
  else
    g_assert_not_reached ();
}

static void
test_notify_only_on_change (void)
{
  const GType types[] = {
    PD_TYPE_PERSON, PD_TYPE_EMPLOYER, PD_TYPE_PERMIT, PD_TYPE_DOCUMENT, PD_TYPE_FILING, PD_TYPE_CASE,
  };
  guint n_checked = 0;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GObject) object = g_object_new (types[t], NULL);
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
      for (guint i = 0; i < n_pspecs; i++)
        {
          GParamSpec *pspec = pspecs[i];
          g_auto(GValue) current = G_VALUE_INIT;
          g_auto(GValue) first = G_VALUE_INIT;
          g_auto(GValue) again = G_VALUE_INIT;
          g_autofree char *signal = NULL;
          guint count = 0;
          gulong handler;

          if (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
            continue;

          g_test_message ("%s:%s", g_type_name (types[t]), pspec->name);
          g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

          g_value_init (&current, pspec->value_type);
          g_object_get_property (object, pspec->name, &current);
          make_other_value (pspec, &current, &first);
          make_other_value (pspec, &current, &again);

          signal = g_strconcat ("notify::", pspec->name, NULL);
          handler = g_signal_connect (object, signal, G_CALLBACK (on_notify_cb), &count);

          g_object_set_property (object, pspec->name, &current);
          g_assert_cmpuint (count, ==, 0);
          g_object_set_property (object, pspec->name, &first);
          g_assert_cmpuint (count, ==, 1);
          g_object_set_property (object, pspec->name, &again);
          g_assert_cmpuint (count, ==, 1);

          g_signal_handler_disconnect (object, handler);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >=, 40);
}

static void
test_ids_are_unique_and_kept (void)
{
  g_autoptr(PdPerson) a = pd_person_new ();
  g_autoptr(PdPerson) b = pd_person_new ();
  g_autoptr(PdPerson) c = g_object_new (PD_TYPE_PERSON, "id", "fixed-id", NULL);
  g_autoptr(PdCase) item = pd_case_new (PD_CASE_KIND_RENEWAL);

  g_assert_true (g_uuid_string_is_valid (pd_person_get_id (a)));
  g_assert_cmpstr (pd_person_get_id (a), !=, pd_person_get_id (b));
  g_assert_cmpstr (pd_person_get_id (c), ==, "fixed-id");
  g_assert_true (g_uuid_string_is_valid (pd_case_get_id (item)));
  g_assert_cmpint (pd_case_get_kind (item), ==, PD_CASE_KIND_RENEWAL);
  g_assert_nonnull (pd_case_get_person (item));
  g_assert_nonnull (pd_case_get_created_at (item));
  g_assert_cmpint (g_date_time_get_utc_offset (pd_case_get_created_at (item)), ==, 0);
}

static void
test_display_name (void)
{
  g_autoptr(PdPerson) person = pd_person_new ();
  g_autofree char *both = NULL;
  g_autofree char *latin = NULL;
  g_autofree char *zh = NULL;
  g_autofree char *none = NULL;

  none = pd_person_dup_display_name (person);
  g_assert_cmpstr (none, ==, "Unnamed person");
  pd_person_set_name_zh (person, "约翰·史密斯");
  zh = pd_person_dup_display_name (person);
  g_assert_cmpstr (zh, ==, "约翰·史密斯");
  pd_person_set_name_latin (person, "John Smith");
  both = pd_person_dup_display_name (person);
  g_assert_cmpstr (both, ==, "John Smith (约翰·史密斯)");
  pd_person_set_name_zh (person, "");
  latin = pd_person_dup_display_name (person);
  g_assert_cmpstr (latin, ==, "John Smith");
}

static void
test_labels (void)
{
  g_assert_cmpstr (pd_case_kind_to_label (PD_CASE_KIND_NEW_PERMIT), ==, "New permit");
  g_assert_cmpstr (pd_case_kind_to_label (PD_CASE_KIND_ESSC_UPGRADE), ==, "e-SSC upgrade");
  g_assert_cmpstr (pd_case_status_to_label (PD_CASE_STATUS_UNDER_REVIEW), ==, "Under review");
  g_assert_cmpstr (pd_permit_category_to_label (PD_PERMIT_CATEGORY_A), ==, "Category A (high-end talent)");
  g_assert_cmpstr (pd_permit_status_to_label (PD_PERMIT_STATUS_SUPERSEDED), ==, "Superseded");
  g_assert_cmpstr (pd_document_state_to_label (PD_DOCUMENT_STATE_REJECTED), ==, "Rejected");
  g_assert_cmpstr (pd_document_auth_to_label (PD_DOCUMENT_AUTH_APOSTILLE), ==, "Apostille");
}

/* ---- copy and apply ---- */

static PdCase *
make_full_case (void)
{
  PdCase *item = make_valid_case (PD_CASE_KIND_RENEWAL);
  g_autoptr(PdEmployer) employer = pd_employer_new ();
  g_autoptr(PdDocument) passport = pd_document_new ();
  g_autoptr(PdDocument) degree = pd_document_new ();
  g_autoptr(PdFiling) filing = pd_filing_new ();
  g_autoptr(GDate) deadline = make_date (2026, 3, 1);

  pd_employer_set_name (employer, "上海浦江智能科技有限公司");
  pd_employer_set_name_en (employer, "Shanghai Pujiang Intelligent Technology Co., Ltd.");
  pd_case_set_employer (item, employer);
  pd_case_set_next_deadline (item, deadline);
  pd_document_set_kind (passport, "passport");
  pd_document_set_title (passport, "Passport");
  pd_document_set_kind (degree, "degree");
  pd_case_add_document (item, passport);
  pd_case_add_document (item, degree);
  pd_filing_set_city (filing, "Shanghai");
  pd_case_add_filing (item, filing);
  return item;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static void
test_copy_is_deep_and_equal (void)
{
  g_autoptr(PdCase) item = make_full_case ();
  g_autoptr(PdCase) copy = pd_case_copy (item);
  g_autoptr(PdDocument) first = g_list_model_get_item (pd_case_get_documents (copy), 0);

  g_assert_true (pd_case_equal (item, copy));
  g_assert_cmpstr (pd_case_get_id (item), ==, pd_case_get_id (copy));
  g_assert_true (pd_case_get_person (item) != pd_case_get_person (copy));
  g_assert_true (pd_case_get_permit (item) != pd_case_get_permit (copy));
  g_assert_true (pd_case_get_next_deadline (item) != pd_case_get_next_deadline (copy));

  /* Editing the copy leaves the original alone. */
  pd_person_set_name_latin (pd_case_get_person (copy), "Jane Smith");
  pd_document_set_title (first, "Passport (new)");
  g_assert_cmpstr (pd_person_get_name_latin (pd_case_get_person (item)), ==, "John Smith");
  g_assert_false (pd_case_equal (item, copy));
}

static void
test_apply_notifies_only_changes (void)
{
  g_autoptr(PdCase) item = make_full_case ();
  g_autoptr(PdCase) copy = pd_case_copy (item);
  PdPerson *person = pd_case_get_person (item);
  PdEmployer *employer = pd_case_get_employer (item);
  g_autoptr(PdDocument) passport = g_list_model_get_item (pd_case_get_documents (item), 0);
  g_autoptr(PdDocument) copy_passport = g_list_model_get_item (pd_case_get_documents (copy), 0);
  g_autoptr(PdDocument) medical = pd_document_new ();
  g_autoptr(GString) docs_log = g_string_new (NULL);
  g_autoptr(GString) filings_log = g_string_new (NULL);
  guint case_notifies = 0;
  guint notes_notifies = 0;
  guint person_notifies = 0;
  guint passport_notifies = 0;

  /* Applying an unchanged copy changes nothing. */
  g_signal_connect (item, "notify", G_CALLBACK (on_notify_cb), &case_notifies);
  g_signal_connect (item, "notify::notes", G_CALLBACK (on_notify_cb), &notes_notifies);
  g_signal_connect (person, "notify", G_CALLBACK (on_notify_cb), &person_notifies);
  g_signal_connect (passport, "notify", G_CALLBACK (on_notify_cb), &passport_notifies);
  g_signal_connect (pd_case_get_documents (item), "items-changed", G_CALLBACK (on_items_changed_cb), docs_log);
  g_signal_connect (pd_case_get_filings (item), "items-changed", G_CALLBACK (on_items_changed_cb), filings_log);
  pd_case_apply (item, copy);
  g_assert_cmpuint (case_notifies, ==, 0);
  g_assert_cmpuint (person_notifies, ==, 0);
  g_assert_cmpstr (docs_log->str, ==, "");

  /* Notes, a person's name, a document's title, and a new document. */
  pd_case_set_notes (copy, "Call HR");
  pd_person_set_email (pd_case_get_person (copy), "john@example.com");
  pd_document_set_state (copy_passport, PD_DOCUMENT_STATE_VERIFIED);
  pd_document_set_kind (medical, "medical-report");
  pd_case_add_document (copy, medical);
  pd_case_apply (item, copy);

  g_assert_cmpuint (case_notifies, ==, 1);
  g_assert_cmpuint (notes_notifies, ==, 1);
  g_assert_cmpuint (person_notifies, ==, 1);
  g_assert_cmpuint (passport_notifies, ==, 1);
  g_assert_cmpstr (docs_log->str, ==, "0-2+3;");
  g_assert_cmpstr (filings_log->str, ==, "");
  g_assert_true (pd_case_get_person (item) == person);
  g_assert_true (pd_case_get_employer (item) == employer);
  {
    g_autoptr(PdDocument) still = g_list_model_get_item (pd_case_get_documents (item), 0);

    g_assert_true (still == passport);
  }
  g_assert_true (pd_case_equal (item, copy));
  g_assert_cmpstr (pd_case_get_notes (item), ==, "Call HR");

  /* Another employer (a different id) replaces the object; removing one clears it. */
  {
    g_autoptr(PdEmployer) other = pd_employer_new ();

    pd_case_set_employer (copy, other);
    pd_case_apply (item, copy);
    g_assert_cmpstr (pd_employer_get_id (pd_case_get_employer (item)), ==, pd_employer_get_id (other));
    pd_case_set_employer (copy, NULL);
    pd_case_apply (item, copy);
    g_assert_null (pd_case_get_employer (item));
    g_assert_cmpuint (case_notifies, ==, 3);
  }
}

/* ---- search ---- */

/* ---- case list ---- */

static PdCase *
make_named_case (const char *name,
                 int         deadline_days)
{
  PdCase *item = pd_case_new (PD_CASE_KIND_NEW_PERMIT);

  pd_person_set_name_latin (pd_case_get_person (item), name);
  if (deadline_days != G_MININT)
    {
      g_autoptr(GDate) deadline = days_from_today (deadline_days);

      pd_case_set_next_deadline (item, deadline);
    }
  return item;
}

static void
test_case_list_items_changed_and_lookup (void)
{
  g_autoptr(PdCaseList) list = pd_case_list_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(PdCase) a = make_named_case ("Anna", 3);
  g_autoptr(PdCase) b = make_named_case ("Ben", 1);
  g_autoptr(PdCase) c = make_named_case ("Carl", G_MININT);
  g_autoptr(PdCase) stranger = make_named_case ("Dora", 0);
  guint position = 99;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), log);
  pd_case_list_append (list, a);
  pd_case_list_insert (list, 0, b);
  pd_case_list_insert (list, 100, c);
  g_assert_cmpstr (log->str, ==, "0-0+1;0-0+1;2-0+1;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == PD_TYPE_CASE);

  g_assert_true (pd_case_list_lookup (list, pd_case_get_id (a)) == a);
  g_assert_null (pd_case_list_lookup (list, pd_case_get_id (stranger)));
  g_assert_true (pd_case_list_find (list, c, &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_false (pd_case_list_find (list, stranger, &position));

  g_string_truncate (log, 0);
  g_assert_true (pd_case_list_remove (list, a));
  g_assert_false (pd_case_list_remove (list, a));
  g_assert_false (pd_case_list_remove (list, stranger));
  g_assert_cmpstr (log->str, ==, "1-1+0;");
  g_assert_null (pd_case_list_lookup (list, pd_case_get_id (a)));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 2));

  /* Sorted by deadline (none last), then by name. */
  g_string_truncate (log, 0);
  pd_case_list_remove_all (list);
  g_assert_cmpstr (log->str, ==, "0-2+0;");
  g_assert_cmpuint (pd_case_list_insert_sorted (list, c, pd_case_compare_by_deadline, NULL), ==, 0);
  g_assert_cmpuint (pd_case_list_insert_sorted (list, a, pd_case_compare_by_deadline, NULL), ==, 0);
  g_assert_cmpuint (pd_case_list_insert_sorted (list, stranger, pd_case_compare_by_deadline, NULL), ==, 0);
  g_assert_cmpuint (pd_case_list_insert_sorted (list, b, pd_case_compare_by_deadline, NULL), ==, 1);
  for (guint i = 0; i < 4; i++)
    {
      const char *expected[] = { "Dora", "Ben", "Anna", "Carl" };
      g_autoptr(PdCase) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (pd_person_get_name_latin (pd_case_get_person (item)), ==, expected[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/permit-number/rules", test_permit_number_rules);
  g_test_add_func ("/model/passport-number/rules", test_passport_number_rules);
  g_test_add_func ("/model/nationality/rules", test_nationality_rules);
  g_test_add_func ("/model/dates/must-be-in-order", test_dates_in_order);
  g_test_add_func ("/model/status/transitions-follow-the-graph", test_transitions_follow_the_graph);
  g_test_add_func ("/model/status/bad-transition-is-refused-with-both-states", test_change_status_refuses_with_message);
  g_test_add_func ("/model/case/validation-rules-per-kind", test_case_validation_rules);
  g_test_add_func ("/model/case/draft-may-wait-for-its-permit", test_draft_may_wait_for_its_permit);
  g_test_add_func ("/model/properties/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/model/properties/ids-are-unique-and-kept", test_ids_are_unique_and_kept);
  g_test_add_func ("/model/person/display-name", test_display_name);
  g_test_add_func ("/model/labels/are-readable", test_labels);
  g_test_add_func ("/model/case/copy-is-deep-and-equal", test_copy_is_deep_and_equal);
  g_test_add_func ("/model/case/apply-notifies-only-changes", test_apply_notifies_only_changes);
  g_test_add_func ("/model/case-list/items-changed-and-lookup", test_case_list_items_changed_and_lookup);

  return g_test_run ();
}
