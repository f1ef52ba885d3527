/* hr-test-common.c: generated cases for the HR tests and benchmark
 *
 * Case @index always gets the same person, numbers and dates relative to today,
 * so a test can predict what it searches for. Passport and permit numbers are
 * unique per index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hr-test-common.h"

static const char * const given_latin[] = { "John", "Emily", "Michael", "Sarah", "David", "Anna",
  "Pierre", "Marco", "Carlos", "Ivan", "Olga", "Lars", "Sofie", "Ahmed", "Maria", "Liam" };
static const char * const given_zh[] = { "约翰", "艾米丽", "迈克尔", "莎拉", "大卫", "安娜",
  "皮埃尔", "马可", "卡洛斯", "伊万", "奥尔加", "拉尔斯", "索菲", "艾哈迈德", "玛丽亚", "利亚姆" };
static const char * const family_latin[] = { "Smith", "Johnson", "Brown", "Wilson", "Miller",
  "Schmidt", "Dubois", "Rossi", "Garcia", "Petrov", "Andersson", "Jensen", "Hassan", "Santos",
  "Nowak", "Martin", "Taylor" };
static const char * const family_zh[] = { "史密斯", "约翰逊", "布朗", "威尔逊", "米勒",
  "施密特", "杜布瓦", "罗西", "加西亚", "彼得罗夫", "安德森", "延森", "哈桑", "桑托斯",
  "诺瓦克", "马丁", "泰勒" };
static const char * const nationalities[] = { "USA", "GBR", "DEU", "FRA", "ITA", "ESP", "RUS",
  "SWE", "DNK", "EGY", "PHL", "POL", "CAN" };
static const char * const cities[] = { "Shanghai", "Beijing", "Guangzhou", "Shenzhen", "Hangzhou" };

static GDate *
day_from_today (int days)
{
  GDate *date = g_date_new ();

  g_date_set_time_t (date, time (NULL));
  if (days >= 0)
    g_date_add_days (date, days);
  else
    g_date_subtract_days (date, -days);
  return date;
}

static void
add_person (PdCase *item,
            guint   index)
{
  PdPerson *person = pd_case_get_person (item);
  guint given = index % G_N_ELEMENTS (given_latin);
  guint family = (index / G_N_ELEMENTS (given_latin)) % G_N_ELEMENTS (family_latin);
  g_autofree char *latin = g_strdup_printf ("%s %s", given_latin[given], family_latin[family]);
  g_autofree char *zh = g_strdup_printf ("%s·%s", given_zh[given], family_zh[family]);
  g_autofree char *passport = g_strdup_printf ("P%08u", index);

  pd_person_set_name_latin (person, latin);
  pd_person_set_name_zh (person, zh);
  pd_person_set_nationality (person, nationalities[index % G_N_ELEMENTS (nationalities)]);
  pd_person_set_passport_number (person, passport);
}

static void
add_permit (PdCase *item,
            guint   index)
{
  g_autoptr(PdPermit) permit = pd_permit_new ();
  g_autofree char *number = g_strdup_printf ("3100002026%08u", index);
  g_autoptr(GDate) until = day_from_today ((int) (index % 900) - 100);

  pd_permit_set_number (permit, number);
  pd_permit_set_category (permit, pd_case_get_category (item));
  pd_permit_set_valid_until (permit, until);
  pd_case_set_permit (item, permit);
}

static void
add_document (PdCase     *item,
              const char *kind,
              gboolean    provided)
{
  g_autoptr(PdDocument) document = pd_document_new ();

  pd_document_set_kind (document, kind);
  pd_document_set_title (document, kind);
  pd_document_set_state (document, provided ? PD_DOCUMENT_STATE_PROVIDED : PD_DOCUMENT_STATE_MISSING);
  pd_case_add_document (item, document);
}

PdCase *
hr_test_make_case (guint index)
{
  static const PdCaseStatus statuses[] = { PD_CASE_STATUS_DRAFT, PD_CASE_STATUS_READY,
    PD_CASE_STATUS_SUBMITTED, PD_CASE_STATUS_UNDER_REVIEW, PD_CASE_STATUS_APPROVED,
    PD_CASE_STATUS_FILING_REQUIRED, PD_CASE_STATUS_COMPLETED };
  PdCase *item = pd_case_new ((PdCaseKind) (index % 6));
  g_autoptr(GDate) deadline = day_from_today ((int) (index % 60) - 10);

  add_person (item, index);
  pd_case_set_status (item, statuses[(index / 6) % G_N_ELEMENTS (statuses)]);
  pd_case_set_city (item, cities[index % G_N_ELEMENTS (cities)]);
  pd_case_set_category (item, (PdPermitCategory) (index % 3));
  pd_case_set_legacy_card (item, index % 7 == 0);
  if (pd_case_get_kind (item) != PD_CASE_KIND_NEW_PERMIT)
    add_permit (item, index);
  if (index % 4 != 3)
    pd_case_set_next_deadline (item, deadline);
  add_document (item, "passport", TRUE);
  add_document (item, "photo", index % 2 == 0);

  return item;
}

/* Saves @n_cases generated cases, 10,000 to a transaction. */
void
hr_test_fill_store (PdStore *store,
                    guint    n_cases)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (batch, hr_test_make_case (i));
      if (batch->len < 10000 && i + 1 < n_cases)
        continue;

      pd_store_save_cases (store, (PdCase **) batch->pdata, batch->len, &error);
      g_assert_no_error (error);
      g_ptr_array_set_size (batch, 0);
    }
}
