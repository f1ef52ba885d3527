/* pd-labels.c: translated names of the model's enumerations, for the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-labels.h"

static const char * const case_kinds[] = {
  [PD_CASE_KIND_NEW_PERMIT] = N_("New permit"),
  [PD_CASE_KIND_RENEWAL] = N_("Renewal"),
  [PD_CASE_KIND_CHANGE] = N_("Change of particulars"),
  [PD_CASE_KIND_CANCELLATION] = N_("Cancellation"),
  [PD_CASE_KIND_ESSC_UPGRADE] = N_("e-SSC upgrade"),
  [PD_CASE_KIND_RESIDENCE_PERMIT] = N_("Residence permit"),
};

static const char * const case_statuses[] = {
  [PD_CASE_STATUS_DRAFT] = N_("Draft"),
  [PD_CASE_STATUS_READY] = N_("Ready to submit"),
  [PD_CASE_STATUS_SUBMITTED] = N_("Submitted"),
  [PD_CASE_STATUS_UNDER_REVIEW] = N_("Under review"),
  [PD_CASE_STATUS_APPROVED] = N_("Approved"),
  [PD_CASE_STATUS_REJECTED] = N_("Rejected"),
  [PD_CASE_STATUS_FILING_REQUIRED] = N_("Filing in person required"),
  [PD_CASE_STATUS_FILED] = N_("Filed in person"),
  [PD_CASE_STATUS_COMPLETED] = N_("Completed"),
  [PD_CASE_STATUS_WITHDRAWN] = N_("Withdrawn"),
};

static const char * const permit_categories[] = {
  [PD_PERMIT_CATEGORY_A] = N_("Category A (high-end talent)"),
  [PD_PERMIT_CATEGORY_B] = N_("Category B (professional)"),
  [PD_PERMIT_CATEGORY_C] = N_("Category C (other)"),
};

static const char * const permit_statuses[] = {
  [PD_PERMIT_STATUS_VALID] = N_("Valid"),
  [PD_PERMIT_STATUS_EXPIRED] = N_("Expired"),
  [PD_PERMIT_STATUS_CANCELLED] = N_("Cancelled"),
  [PD_PERMIT_STATUS_SUPERSEDED] = N_("Superseded"),
};

static const char * const document_states[] = {
  [PD_DOCUMENT_STATE_MISSING] = NC_("document", "Missing"),
  [PD_DOCUMENT_STATE_PROVIDED] = NC_("document", "Provided"),
  [PD_DOCUMENT_STATE_VERIFIED] = NC_("document", "Verified"),
  /* TRANSLATORS: a document (passport, medical report...) that is no longer valid */
  [PD_DOCUMENT_STATE_EXPIRED] = NC_("document", "Expired"),
  /* TRANSLATORS: a document the authority did not accept */
  [PD_DOCUMENT_STATE_REJECTED] = NC_("document", "Rejected"),
};

static const char * const document_auths[] = {
  [PD_DOCUMENT_AUTH_NONE] = N_("Not authenticated"),
  [PD_DOCUMENT_AUTH_APOSTILLE] = N_("Apostille"),
  [PD_DOCUMENT_AUTH_LEGALISED] = N_("Consular legalisation"),
  [PD_DOCUMENT_AUTH_TRANSLATED] = N_("Certified translation"),
};

/* Cities where foreigners commonly work, by the name people type in Latin
 * letters: shown in the user's language (上海 in Chinese). A city not listed
 * is shown as typed. */
static const char * const cities[] = {
  NC_("city", "Beijing"),
  NC_("city", "Shanghai"),
  NC_("city", "Guangzhou"),
  NC_("city", "Shenzhen"),
  NC_("city", "Tianjin"),
  NC_("city", "Chongqing"),
  NC_("city", "Hangzhou"),
  NC_("city", "Nanjing"),
  NC_("city", "Suzhou"),
  NC_("city", "Wuhan"),
  NC_("city", "Chengdu"),
  NC_("city", "Xi'an"),
  NC_("city", "Qingdao"),
  NC_("city", "Dalian"),
  NC_("city", "Xiamen"),
  NC_("city", "Ningbo"),
  NC_("city", "Shenyang"),
  NC_("city", "Changsha"),
  NC_("city", "Zhengzhou"),
  NC_("city", "Jinan"),
  NC_("city", "Hefei"),
  NC_("city", "Fuzhou"),
  NC_("city", "Kunming"),
  NC_("city", "Harbin"),
  NC_("city", "Changchun"),
  NC_("city", "Nanning"),
  NC_("city", "Haikou"),
  NC_("city", "Sanya"),
  NC_("city", "Zhuhai"),
  NC_("city", "Dongguan"),
  NC_("city", "Foshan"),
  NC_("city", "Wuxi"),
  NC_("city", "Changzhou"),
  NC_("city", "Nantong"),
  NC_("city", "Wenzhou"),
  NC_("city", "Jiaxing"),
  NC_("city", "Shaoxing"),
  NC_("city", "Huizhou"),
  NC_("city", "Zhongshan"),
  NC_("city", "Yantai"),
  NC_("city", "Taiyuan"),
  NC_("city", "Shijiazhuang"),
  NC_("city", "Guiyang"),
  NC_("city", "Lanzhou"),
  NC_("city", "Urumqi"),
  NC_("city", "Hohhot"),
  NC_("city", "Lhasa"),
  NC_("city", "Yinchuan"),
  NC_("city", "Xining"),
  NC_("city", "Nanchang"),
};

#define LABEL(table, value) \
  (((guint) (value) < G_N_ELEMENTS (table)) ? _(table[value]) : NULL)

const char *
pd_case_kind_to_label (PdCaseKind kind)
{
  const char *label = LABEL (case_kinds, kind);

  g_return_val_if_fail (label != NULL, "");
  return label;
}

const char *
pd_case_status_to_label (PdCaseStatus status)
{
  const char *label = LABEL (case_statuses, status);

  g_return_val_if_fail (label != NULL, "");
  return label;
}

const char *
pd_permit_category_to_label (PdPermitCategory category)
{
  const char *label = LABEL (permit_categories, category);

  g_return_val_if_fail (label != NULL, "");
  return label;
}

const char *
pd_permit_status_to_label (PdPermitStatus status)
{
  const char *label = LABEL (permit_statuses, status);

  g_return_val_if_fail (label != NULL, "");
  return label;
}

/* Document states share words with case and permit states, hence their context. */
const char *
pd_document_state_to_label (PdDocumentState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (document_states), "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "document", document_states[state]);
}

const char *
pd_document_auth_to_label (PdDocumentAuth auth)
{
  const char *label = LABEL (document_auths, auth);

  g_return_val_if_fail (label != NULL, "");
  return label;
}

/* What tells cities apart: letters and digits, ASCII ones in lower case
 * ("shanghai", "Shang-hai" and "SHANGHAI" are one city; "Xian" is "Xi'an";
 * "上海" stays "上海"). */
char *
pd_city_dup_key (const char *name)
{
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p >= 0x80 || g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_string_free (key, FALSE);
}

/* The name of @city (as typed in a case) in the user's language when it is a
 * city PermitDesk knows, else @city itself. Never NULL for a non-NULL @city. */
const char *
pd_city_to_label (const char *city)
{
  static GHashTable *known;
  g_autofree char *key = NULL;
  gpointer found;

  if (city == NULL)
    return NULL;

  if (g_once_init_enter (&known))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
        g_hash_table_insert (table, pd_city_dup_key (cities[i]), (gpointer) cities[i]);
      g_once_init_leave (&known, table);
    }

  key = pd_city_dup_key (city);
  found = g_hash_table_lookup (known, key);
  return found != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "city", found) : city;
}
