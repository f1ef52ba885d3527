/* pd-portal-seed.c: `--seed demo`, realistic data for every case kind and status
 *
 * The people and companies are invented; names, numbers and codes only look real.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include "pd-portal-server-private.h"

typedef struct {
  const char *id, *name, *name_zh, *credit_code, *city, *address;
} SeedEmployer;

typedef struct {
  const char *id, *employer_id, *family_name, *given_names, *name_zh, *nationality,
             *passport_number, *birth_date, *email;
} SeedPerson;

typedef struct {
  const char *id, *person_id, *kind, *status, *category, *position, *permit_number,
             *valid_from, *valid_until, *permit_status, *due_date;
} SeedCase;

static const SeedEmployer employers[] = {
  { "emp-shanghai-orbit", "Orbit Precision Instruments (Shanghai) Co., Ltd.", "轨道精密仪器（上海）有限公司",
    "91310115MA1K4B2X3Q", "Shanghai", "1088 Zhangjiang Road, Pudong New Area, Shanghai" },
  { "emp-guangzhou-lumen", "Lumen Biotech (Guangzhou) Co., Ltd.", "流明生物科技（广州）有限公司",
    "91440101MA5CXY8R1L", "Guangzhou", "18 Kexue Avenue, Huangpu District, Guangzhou" },
  { "emp-shenzhen-harbor", "Harbor Robotics (Shenzhen) Co., Ltd.", "港湾机器人（深圳）有限公司",
    "91440300MA5G2N7P4D", "Shenzhen", "9 Gaoxin South Road, Nanshan District, Shenzhen" },
};

static const SeedPerson persons[] = {
  { "per-anna-keller", "emp-shanghai-orbit", "Keller", "Anna Maria", "凯安娜", "DEU", "C4J8X2M71", "1988-04-12", "anna.keller@example.org" },
  { "per-lucas-martin", "emp-shanghai-orbit", "Martin", "Lucas", "马丁", "FRA", "21AB45678", "1991-09-30", NULL },
  { "per-hiroshi-tanaka", "emp-shanghai-orbit", "Tanaka", "Hiroshi", "田中宏", "JPN", "TK1234567", "1979-01-05", NULL },
  { "per-chen-meiling", "emp-shanghai-orbit", "Chen", "Meiling Grace", "陈美玲", "SGP", "K1234567A", "1993-06-21", NULL },
  { "per-olivia-brown", "emp-guangzhou-lumen", "Brown", "Olivia", "布朗", "GBR", "533412876", "1990-11-02", NULL },
  { "per-mateo-garcia", "emp-guangzhou-lumen", "García", "Mateo", "加西亚", "ESP", "PAB123456", "1985-03-17", NULL },
  { "per-kim-jiwoo", "emp-guangzhou-lumen", "Kim", "Ji-woo", "金智友", "KOR", "M12345678", "1995-08-08", NULL },
  { "per-sofia-rossi", "emp-shenzhen-harbor", "Rossi", "Sofia", "罗西", "ITA", "YA1234567", "1987-12-24", NULL },
  { "per-ahmed-hassan", "emp-shenzhen-harbor", "Hassan", "Ahmed", NULL, "EGY", "A12345678", "1982-02-14", NULL },
  { "per-nguyen-minh", "emp-shenzhen-harbor", "Nguyen", "Van Minh", "阮文明", "VNM", "B7654321", "1994-07-19", NULL },
};

static const SeedCase cases[] = {
  { "case-0001", "per-anna-keller", "new-permit", "completed", "a", "Chief Engineer", "310115202412010001", "2024-12-01", "2027-11-30", "valid", NULL },
  { "case-0002", "per-anna-keller", "residence-permit", "submitted", "a", "Chief Engineer", NULL, NULL, NULL, NULL, "2027-01-15" },
  { "case-0003", "per-lucas-martin", "renewal", "approved", "b", "Software Developer", "310115202512150002", "2025-12-15", "2026-12-14", "valid", NULL },
  { "case-0004", "per-lucas-martin", "new-permit", "completed", "b", "Software Developer", "310115202312100003", "2023-12-10", "2025-12-09", "superseded", NULL },
  { "case-0005", "per-hiroshi-tanaka", "essc-upgrade", "draft", "a", "General Manager", NULL, NULL, NULL, NULL, "2027-03-01" },
  { "case-0006", "per-chen-meiling", "change", "ready", "b", "Product Manager", NULL, NULL, NULL, NULL, "2026-12-20" },
  { "case-0007", "per-olivia-brown", "new-permit", "filing-required", "b", "Research Scientist", "440101202610200004", "2026-10-20", "2027-10-19", "valid", "2026-12-10" },
  { "case-0008", "per-mateo-garcia", "new-permit", "rejected", "c", "Lab Technician", NULL, NULL, NULL, NULL, NULL },
  { "case-0009", "per-mateo-garcia", "cancellation", "filed", "b", "Lab Technician", "440101202201050005", "2022-01-05", "2024-01-04", "cancelled", NULL },
  { "case-0010", "per-kim-jiwoo", "new-permit", "under-review", "b", "Data Analyst", NULL, NULL, NULL, NULL, "2026-12-31" },
  { "case-0011", "per-sofia-rossi", "renewal", "withdrawn", "b", "Mechanical Designer", NULL, NULL, NULL, NULL, NULL },
  { "case-0012", "per-sofia-rossi", "new-permit", "completed", "b", "Mechanical Designer", "440300202311200006", "2023-11-20", "2025-11-19", "valid", NULL },
  { "case-0013", "per-ahmed-hassan", "residence-permit", "draft", "b", "Quality Engineer", NULL, NULL, NULL, NULL, NULL },
  { "case-0014", "per-nguyen-minh", "essc-upgrade", "approved", "c", "Assembly Supervisor", "440300202609010007", "2026-09-01", "2027-08-31", "valid", NULL },
};

static void
set_optional (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static gboolean
put (PdPortalDb  *db,
     const char  *kind,
     const char  *id,
     const char  *employer_id,
     const char  *person_id,
     JsonObject  *body,
     GError     **error)
{
  g_autoptr(JsonObject) owned = body;
  g_autoptr(JsonObject) stored = pd_portal_db_put_resource (db, kind, id, employer_id, person_id,
                                                            owned, -1, error);

  return stored != NULL;
}

static gboolean
seed_employers_and_persons (PdPortalDb  *db,
                            GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (employers); i++)
    {
      const SeedEmployer *e = &employers[i];
      JsonObject *body = json_object_new ();

      json_object_set_string_member (body, "name", e->name);
      json_object_set_string_member (body, "name_zh", e->name_zh);
      json_object_set_string_member (body, "credit_code", e->credit_code);
      json_object_set_string_member (body, "city", e->city);
      json_object_set_string_member (body, "address", e->address);
      if (!put (db, "employers", e->id, e->id, NULL, body, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    {
      const SeedPerson *p = &persons[i];
      JsonObject *body = json_object_new ();

      json_object_set_string_member (body, "employer_id", p->employer_id);
      json_object_set_string_member (body, "family_name", p->family_name);
      json_object_set_string_member (body, "given_names", p->given_names);
      set_optional (body, "name_zh", p->name_zh);
      json_object_set_string_member (body, "nationality", p->nationality);
      json_object_set_string_member (body, "passport_number", p->passport_number);
      json_object_set_string_member (body, "birth_date", p->birth_date);
      set_optional (body, "email", p->email);
      if (!put (db, "persons", p->id, p->employer_id, p->id, body, error))
        return FALSE;
    }
  return TRUE;
}

static const SeedPerson *
find_person (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    if (g_str_equal (persons[i].id, id))
      return &persons[i];
  g_assert_not_reached ();
}

static gboolean
seed_case (PdPortalDb      *db,
           const SeedCase  *c,
           GError         **error)
{
  const SeedPerson *p = find_person (c->person_id);
  const SeedEmployer *e = NULL;
  JsonObject *body = json_object_new ();
  g_autofree char *submitted = NULL;
  g_autofree char *decided = NULL;
  gboolean sent = !g_str_equal (c->status, "draft") && !g_str_equal (c->status, "ready");

  for (guint i = 0; i < G_N_ELEMENTS (employers); i++)
    if (g_str_equal (employers[i].id, p->employer_id))
      e = &employers[i];
  if (sent)
    submitted = g_strdup_printf ("%sT09:30:00Z", c->valid_from != NULL ? c->valid_from : "2026-11-02");
  if (c->permit_number != NULL)
    decided = g_strdup_printf ("%sT02:00:00Z", c->valid_from);
  json_object_set_string_member (body, "employer_id", p->employer_id);
  json_object_set_string_member (body, "person_id", p->id);
  json_object_set_string_member (body, "kind", c->kind);
  json_object_set_string_member (body, "status", c->status);
  json_object_set_string_member (body, "category", c->category);
  json_object_set_string_member (body, "city", e->city);
  json_object_set_string_member (body, "position", c->position);
  set_optional (body, "due_date", c->due_date);
  json_object_set_null_member (body, "notes");
  set_optional (body, "permit_number", c->permit_number);
  set_optional (body, "submitted_at", submitted);
  set_optional (body, "decided_at", decided);
  if (!put (db, "cases", c->id, p->employer_id, p->id, body, error))
    return FALSE;
  if (c->permit_number == NULL)
    return TRUE;

  body = json_object_new ();
  json_object_set_string_member (body, "number", c->permit_number);
  json_object_set_string_member (body, "case_id", c->id);
  json_object_set_string_member (body, "person_id", p->id);
  json_object_set_string_member (body, "employer_id", p->employer_id);
  json_object_set_string_member (body, "category", c->category);
  json_object_set_string_member (body, "status", c->permit_status);
  json_object_set_string_member (body, "valid_from", c->valid_from);
  json_object_set_string_member (body, "valid_until", c->valid_until);
  return put (db, "permits", c->permit_number, p->employer_id, p->id, body, error);
}

gboolean
pd_portal_seed_demo (PdPortalDb  *db,
                     GError     **error)
{
  if (!pd_portal_db_begin (db, error))
    return FALSE;
  if (!seed_employers_and_persons (db, error))
    goto failed;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (!seed_case (db, &cases[i], error))
      goto failed;
  if (!pd_portal_add_user (db, "officer", "officer-demo", "officer", NULL, NULL, error) ||
      !pd_portal_add_user (db, "hr", "hr-demo", "hr", "emp-shanghai-orbit", NULL, error) ||
      !pd_portal_add_user (db, "hr2", "hr2-demo", "hr", "emp-guangzhou-lumen", NULL, error) ||
      !pd_portal_add_user (db, "applicant", "applicant-demo", "applicant", "emp-shanghai-orbit",
                           "per-anna-keller", error))
    goto failed;
  return pd_portal_db_commit (db, error);

failed:
  pd_portal_db_rollback (db);
  return FALSE;
}
