/* pd-demo.c: realistic, clearly marked demo data for an empty store
 *
 * Every case is marked is-demo and says so in its notes. The data is the same on
 * every run (a seeded GRand) except that dates are relative to today, so that
 * some deadlines are always overdue and some always due this week.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-demo.h"
#include "pd-model.h"

#define DEMO_SEED        20241201
#define N_PEOPLE         40
#define N_SECOND_CASES   (PD_DEMO_N_CASES - N_PEOPLE)

typedef struct {
  const char *name;
  const char *name_en;
  const char *uscc;
  const char *city;
  const char *region;   /* the first six digits of the permits it holds */
  const char *office;   /* where documents are filed in person, NULL when not needed */
} DemoEmployer;

static const DemoEmployer employers[] = {
  { "上海浦江智能科技有限公司", "Shanghai Pujiang Intelligent Technology Co., Ltd.",
    "91310115MA1K4B2X7G", "Shanghai", "310000", "上海市浦东新区外国人工作许可受理窗口" },
  { "北京华辰医药研发有限公司", "Beijing Huachen Pharmaceutical R&D Co., Ltd.",
    "91110108MA01N3QH2W", "Beijing", "110000", NULL },
  { "广州南沙国际教育咨询有限公司", "Guangzhou Nansha International Education Consulting Co., Ltd.",
    "91440101MA5CT8LW6P", "Guangzhou", "440100", "广州市南沙区政务服务中心外国人工作许可窗口" },
  { "深圳前海云帆网络技术有限公司", "Shenzhen Qianhai Yunfan Network Technology Co., Ltd.",
    "91440300MA5G9RX410", "Shenzhen", "440300", "深圳市前海管理局行政服务大厅" },
};

typedef struct {
  const char *latin;
  const char *zh;
  const char *nationality;
  char        passport_prefix;
} DemoPerson;

static const DemoPerson people[N_PEOPLE] = {
  { "John Smith", "约翰·史密斯", "USA", 'E' },
  { "Emily Johnson", "艾米丽·约翰逊", "USA", 'E' },
  { "Michael Brown", "迈克尔·布朗", "GBR", 'G' },
  { "Sarah Wilson", "莎拉·威尔逊", "GBR", 'G' },
  { "David Miller", "大卫·米勒", "CAN", 'A' },
  { "Jessica Taylor", "杰西卡·泰勒", "AUS", 'P' },
  { "Thomas Müller", "托马斯·穆勒", "DEU", 'C' },
  { "Anna Schmidt", "安娜·施密特", "DEU", 'C' },
  { "Pierre Dubois", "皮埃尔·杜布瓦", "FRA", 'F' },
  { "Camille Laurent", "卡米耶·洛朗", "FRA", 'F' },
  { "Marco Rossi", "马可·罗西", "ITA", 'Y' },
  { "Giulia Bianchi", "朱莉娅·比安基", "ITA", 'Y' },
  { "Carlos García", "卡洛斯·加西亚", "ESP", 'P' },
  { "Lucía Fernández", "露西亚·费尔南德斯", "ESP", 'P' },
  { "Hiroshi Tanaka", "田中博", "JPN", 'T' },
  { "Yuki Sato", "佐藤由纪", "JPN", 'T' },
  { "Kim Min-jun", "金敏俊", "KOR", 'M' },
  { "Park Ji-yeon", "朴智妍", "KOR", 'M' },
  { "Nguyen Van An", "阮文安", "VNM", 'B' },
  { "Somchai Saetang", "颂猜·赛堂", "THA", 'A' },
  { "Priya Sharma", "普丽娅·夏尔马", "IND", 'Z' },
  { "Rahul Gupta", "拉胡尔·古普塔", "IND", 'Z' },
  { "Ivan Petrov", "伊万·彼得罗夫", "RUS", 'R' },
  { "Olga Ivanova", "奥尔加·伊万诺娃", "RUS", 'R' },
  { "Lars Andersson", "拉尔斯·安德森", "SWE", 'S' },
  { "Sofie Jensen", "索菲·延森", "DNK", 'D' },
  { "Jan de Vries", "扬·德弗里斯", "NLD", 'N' },
  { "Ana Souza", "安娜·索萨", "BRA", 'F' },
  { "João Silva", "若昂·席尔瓦", "PRT", 'C' },
  { "Mateo González", "马特奥·冈萨雷斯", "ARG", 'A' },
  { "Ahmed Hassan", "艾哈迈德·哈桑", "EGY", 'A' },
  { "Fatima Al-Sayed", "法蒂玛·赛义德", "JOR", 'N' },
  { "Oluwaseun Adeyemi", "奥卢瓦塞恩·阿德耶米", "NGA", 'A' },
  { "Thandiwe Nkosi", "坦迪韦·恩科西", "ZAF", 'M' },
  { "Siti Rahman", "西蒂·拉赫曼", "MYS", 'A' },
  { "Maria Santos", "玛丽亚·桑托斯", "PHL", 'P' },
  { "Liam O'Brien", "利亚姆·奥布莱恩", "IRL", 'P' },
  { "Chloé Martin", "克洛艾·马丁", "CHE", 'X' },
  { "Aleksandra Nowak", "亚历山德拉·诺瓦克", "POL", 'E' },
  { "Mehmet Yılmaz", "梅赫梅特·耶尔马兹", "TUR", 'U' },
};

/* Days from today of the next deadline of each open case, in turn: some overdue,
 * some due this week, some later. */
static const int deadline_offsets[] = { -9, 2, 25, -3, 6, 45, 0, 12, -1, 4, 80, 1 };

typedef struct {
  GRand *rand;
  GDate  today;
  guint  n_open;
} Demo;

static GDate *
day_from_today (Demo *demo,
                int   days)
{
  GDate *date = g_date_copy (&demo->today);

  if (days >= 0)
    g_date_add_days (date, days);
  else
    g_date_subtract_days (date, -days);
  return date;
}

static PdEmployer *
make_employer (const DemoEmployer *source)
{
  PdEmployer *employer = pd_employer_new ();

  pd_employer_set_name (employer, source->name);
  pd_employer_set_name_en (employer, source->name_en);
  pd_employer_set_uscc (employer, source->uscc);
  pd_employer_set_city (employer, source->city);
  return employer;
}

/* first.last@example.com for plain ASCII names; example.com never delivers mail. */
static char *
make_email (const char *latin)
{
  g_autofree char *lower = NULL;

  if (!g_str_is_ascii (latin))
    return NULL;

  lower = g_ascii_strdown (latin, -1);
  g_strdelimit (lower, " '", '.');
  return g_strconcat (lower, "@example.com", NULL);
}

static PdPerson *
make_person (Demo             *demo,
             const DemoPerson *source)
{
  PdPerson *person = pd_person_new ();
  g_autofree char *passport = NULL;
  g_autofree char *email = make_email (source->latin);
  g_autoptr(GDate) birth = NULL;

  passport = g_strdup_printf ("%c%08d", source->passport_prefix,
                              g_rand_int_range (demo->rand, 10000000, 99999999));
  birth = g_date_new_dmy (g_rand_int_range (demo->rand, 1, 29), g_rand_int_range (demo->rand, 1, 13),
                          g_rand_int_range (demo->rand, 1965, 1999));

  pd_person_set_name_latin (person, source->latin);
  pd_person_set_name_zh (person, source->zh);
  pd_person_set_nationality (person, source->nationality);
  pd_person_set_passport_number (person, passport);
  pd_person_set_date_of_birth (person, birth);
  pd_person_set_email (person, email);
  return person;
}

static PdPermitCategory
pick_category (Demo *demo)
{
  int roll = g_rand_int_range (demo->rand, 0, 100);

  return roll < 25 ? PD_PERMIT_CATEGORY_A : roll < 85 ? PD_PERMIT_CATEGORY_B : PD_PERMIT_CATEGORY_C;
}

static gboolean
status_is_decided (PdCaseStatus status)
{
  return status == PD_CASE_STATUS_APPROVED || status == PD_CASE_STATUS_FILING_REQUIRED ||
         status == PD_CASE_STATUS_FILED || status == PD_CASE_STATUS_COMPLETED;
}

static gboolean
status_is_open (PdCaseStatus status)
{
  return status != PD_CASE_STATUS_COMPLETED && status != PD_CASE_STATUS_WITHDRAWN &&
         status != PD_CASE_STATUS_FILED;
}

/* The permit a case acts on (or, for a decided new permit, the one it produced). */
static PdPermit *
make_permit (Demo               *demo,
             const DemoEmployer *employer,
             PdCaseKind          kind,
             PdCaseStatus        status,
             PdPermitCategory    category)
{
  PdPermit *permit = pd_permit_new ();
  int age = kind == PD_CASE_KIND_NEW_PERMIT ? g_rand_int_range (demo->rand, 0, 30)
                                             : g_rand_int_range (demo->rand, 200, 800);
  g_autoptr(GDate) from = day_from_today (demo, -age);
  g_autoptr(GDate) until = g_date_copy (from);
  g_autofree char *number = NULL;

  /* A renewal is filed in the last months of the permit it renews. */
  if (kind == PD_CASE_KIND_RENEWAL)
    {
      g_date_free (until);
      until = day_from_today (demo, g_rand_int_range (demo->rand, 15, 90));
      g_date_free (from);
      from = g_date_copy (until);
      g_date_subtract_years (from, 2);
      g_date_add_days (from, 1);
    }
  else
    {
      g_date_add_years (until, g_rand_int_range (demo->rand, 1, 4));
      g_date_subtract_days (until, 1);
    }

  number = g_strdup_printf ("%s%04u%08d", employer->region, g_date_get_year (from),
                            g_rand_int_range (demo->rand, 0, 100000000));

  pd_permit_set_number (permit, number);
  pd_permit_set_category (permit, category);
  pd_permit_set_valid_from (permit, from);
  pd_permit_set_valid_until (permit, until);
  if (kind == PD_CASE_KIND_CANCELLATION && status == PD_CASE_STATUS_COMPLETED)
    pd_permit_set_status (permit, PD_PERMIT_STATUS_CANCELLED);
  else if (g_date_compare (until, &demo->today) < 0)
    pd_permit_set_status (permit, PD_PERMIT_STATUS_EXPIRED);
  return permit;
}

typedef struct {
  const char     *kind;
  const char     *title;
  PdDocumentAuth  authentication;
  int             valid_days; /* how long it stays valid from today, 0 = no expiry */
} DemoDocument;

static const DemoDocument documents[] = {
  { "passport", N_("Passport"), PD_DOCUMENT_AUTH_NONE, 2400 },
  { "photo", N_("Photo"), PD_DOCUMENT_AUTH_NONE, 0 },
  { "degree", N_("Degree certificate"), PD_DOCUMENT_AUTH_APOSTILLE, 0 },
  { "non-criminal-record", N_("Non-criminal record"), PD_DOCUMENT_AUTH_LEGALISED, 120 },
  { "medical-report", N_("Medical report"), PD_DOCUMENT_AUTH_NONE, 150 },
  { "employment-contract", N_("Employment contract"), PD_DOCUMENT_AUTH_NONE, 0 },
  { "termination-letter", N_("Termination letter"), PD_DOCUMENT_AUTH_NONE, 0 },
  { "notice", N_("Notification Letter of Work Permit"), PD_DOCUMENT_AUTH_NONE, 0 },
  { "decision", N_("Notification of Decision on Administrative Authorization"), PD_DOCUMENT_AUTH_NONE, 0 },
};

/* The documents of each kind of case, as indexes into documents[]. */
static const char * const documents_by_kind[] = {
  [PD_CASE_KIND_NEW_PERMIT] = "passport photo degree non-criminal-record medical-report employment-contract",
  [PD_CASE_KIND_RENEWAL] = "passport photo employment-contract",
  [PD_CASE_KIND_CHANGE] = "passport employment-contract",
  [PD_CASE_KIND_CANCELLATION] = "passport termination-letter",
  [PD_CASE_KIND_ESSC_UPGRADE] = "passport photo",
  [PD_CASE_KIND_RESIDENCE_PERMIT] = "passport photo medical-report",
};

static const DemoDocument *
find_document (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    if (g_str_equal (documents[i].kind, kind))
      return &documents[i];

  g_assert_not_reached ();
}

/* How far along the paperwork is, by the status of the case. */
static PdDocumentState
pick_state (Demo         *demo,
            PdCaseStatus  status)
{
  int roll = g_rand_int_range (demo->rand, 0, 100);

  switch (status)
    {
    case PD_CASE_STATUS_DRAFT:
      return roll < 45 ? PD_DOCUMENT_STATE_MISSING : roll < 85 ? PD_DOCUMENT_STATE_PROVIDED
                                                                : PD_DOCUMENT_STATE_EXPIRED;
    case PD_CASE_STATUS_READY:
      return roll < 60 ? PD_DOCUMENT_STATE_PROVIDED : PD_DOCUMENT_STATE_VERIFIED;
    case PD_CASE_STATUS_SUBMITTED:
    case PD_CASE_STATUS_UNDER_REVIEW:
      return roll < 50 ? PD_DOCUMENT_STATE_PROVIDED : roll < 92 ? PD_DOCUMENT_STATE_VERIFIED
                                                                 : PD_DOCUMENT_STATE_EXPIRED;
    case PD_CASE_STATUS_REJECTED:
      return roll < 40 ? PD_DOCUMENT_STATE_REJECTED : PD_DOCUMENT_STATE_PROVIDED;
    case PD_CASE_STATUS_WITHDRAWN:
      return roll < 50 ? PD_DOCUMENT_STATE_MISSING : PD_DOCUMENT_STATE_PROVIDED;
    case PD_CASE_STATUS_APPROVED:
    case PD_CASE_STATUS_FILING_REQUIRED:
    case PD_CASE_STATUS_FILED:
    case PD_CASE_STATUS_COMPLETED:
    default:
      return roll < 85 ? PD_DOCUMENT_STATE_VERIFIED : PD_DOCUMENT_STATE_PROVIDED;
    }
}

static void
add_document (Demo               *demo,
              PdCase             *item,
              const DemoDocument *source,
              PdDocumentState     state)
{
  g_autoptr(PdDocument) document = pd_document_new ();
  PdDocumentAuth authentication = source->authentication;

  /* Countries outside the Apostille Convention legalise at a consulate instead. */
  if (authentication == PD_DOCUMENT_AUTH_APOSTILLE && g_rand_int_range (demo->rand, 0, 100) < 25)
    authentication = PD_DOCUMENT_AUTH_LEGALISED;
  else if (authentication == PD_DOCUMENT_AUTH_NONE && g_str_equal (source->kind, "medical-report") &&
           g_rand_boolean (demo->rand))
    authentication = PD_DOCUMENT_AUTH_TRANSLATED;

  pd_document_set_kind (document, source->kind);
  pd_document_set_title (document, _(source->title));
  pd_document_set_state (document, state);
  pd_document_set_authentication (document, authentication);

  if (state == PD_DOCUMENT_STATE_EXPIRED)
    {
      g_autoptr(GDate) expired = day_from_today (demo, -g_rand_int_range (demo->rand, 1, 60));

      pd_document_set_expires_on (document, expired);
    }
  else if (source->valid_days > 0 && state != PD_DOCUMENT_STATE_MISSING)
    {
      g_autoptr(GDate) expires = day_from_today (demo, g_rand_int_range (demo->rand, 20, source->valid_days));

      pd_document_set_expires_on (document, expires);
    }

  pd_case_add_document (item, document);
}

static void
add_documents (Demo         *demo,
               PdCase       *item,
               PdCaseKind    kind,
               PdCaseStatus  status)
{
  g_auto(GStrv) kinds = g_strsplit (documents_by_kind[kind], " ", -1);

  for (guint i = 0; kinds[i] != NULL; i++)
    add_document (demo, item, find_document (kinds[i]), pick_state (demo, status));

  /* Decided cases hold the two documents the portal issues on approval. */
  if (status_is_decided (status))
    {
      add_document (demo, item, find_document ("notice"), PD_DOCUMENT_STATE_PROVIDED);
      add_document (demo, item, find_document ("decision"), PD_DOCUMENT_STATE_PROVIDED);
    }
}

/* Cities that still want documents filed in person get a filing appointment. */
static void
add_filing (Demo               *demo,
            PdCase             *item,
            const DemoEmployer *employer,
            PdCaseStatus        status)
{
  g_autoptr(PdFiling) filing = NULL;
  g_autoptr(GTimeZone) beijing_time = NULL;
  g_autoptr(GDateTime) appointment = NULL;
  g_autoptr(GDate) day = NULL;

  if (employer->office == NULL ||
      (status != PD_CASE_STATUS_FILING_REQUIRED && status != PD_CASE_STATUS_FILED &&
       status != PD_CASE_STATUS_COMPLETED))
    return;

  day = status == PD_CASE_STATUS_FILING_REQUIRED ? day_from_today (demo, g_rand_int_range (demo->rand, 1, 10))
                                                 : day_from_today (demo, -g_rand_int_range (demo->rand, 3, 30));
  beijing_time = g_time_zone_new_identifier ("+08:00");
  appointment = g_date_time_new (beijing_time, g_date_get_year (day), g_date_get_month (day),
                                 g_date_get_day (day), 9 + g_rand_int_range (demo->rand, 0, 7), 30, 0);

  filing = pd_filing_new ();
  pd_filing_set_city (filing, employer->city);
  pd_filing_set_office (filing, employer->office);
  pd_filing_set_appointment (filing, appointment);
  pd_filing_set_done (filing, status != PD_CASE_STATUS_FILING_REQUIRED);
  pd_filing_set_notes (filing, _("Bring the original passport and the Notification Letter of Work Permit."));
  pd_case_add_filing (item, filing);
}

static void
set_case_dates (Demo         *demo,
                PdCase       *item,
                PdCaseStatus  status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) created = g_date_time_add_days (now, -g_rand_int_range (demo->rand, 20, 200));

  pd_case_set_created_at (item, created);

  if (status != PD_CASE_STATUS_DRAFT && status != PD_CASE_STATUS_READY)
    {
      g_autoptr(GDate) submitted = day_from_today (demo, -g_rand_int_range (demo->rand, 10, 90));

      pd_case_set_submitted_on (item, submitted);
    }

  if (status_is_open (status))
    {
      int offset = deadline_offsets[demo->n_open++ % G_N_ELEMENTS (deadline_offsets)];
      g_autoptr(GDate) deadline = day_from_today (demo, offset);

      pd_case_set_next_deadline (item, deadline);
    }
}

static PdCase *
make_case (Demo               *demo,
           PdPerson           *person,
           PdEmployer         *employer,
           const DemoEmployer *source,
           PdCaseKind          kind,
           PdCaseStatus        status)
{
  PdCase *item = pd_case_new (kind);
  PdPermitCategory category = pick_category (demo);

  pd_case_set_status (item, status);
  pd_case_set_city (item, source->city);
  pd_case_set_category (item, category);
  pd_case_set_person (item, person);
  pd_case_set_employer (item, employer);
  pd_case_set_legacy_card (item, kind == PD_CASE_KIND_ESSC_UPGRADE ||
                                 g_rand_int_range (demo->rand, 0, 100) < 15);
  pd_case_set_notes (item, _("Demo data: not a real person or case."));
  pd_case_set_is_demo (item, TRUE);

  if (kind != PD_CASE_KIND_NEW_PERMIT || status_is_decided (status))
    {
      g_autoptr(PdPermit) permit = make_permit (demo, source, kind, status, category);

      pd_case_set_permit (item, permit);
    }

  set_case_dates (demo, item, status);
  add_documents (demo, item, kind, status);
  add_filing (demo, item, source, status);
  return item;
}

/* Fills an empty store with demo cases, all in one transaction. */
gboolean
pd_demo_fill_store (PdStore  *store,
                    GError  **error)
{
  static const PdCaseStatus second_statuses[N_SECOND_CASES] = {
    PD_CASE_STATUS_DRAFT, PD_CASE_STATUS_READY, PD_CASE_STATUS_SUBMITTED,
    PD_CASE_STATUS_UNDER_REVIEW, PD_CASE_STATUS_APPROVED, PD_CASE_STATUS_COMPLETED,
    PD_CASE_STATUS_FILING_REQUIRED, PD_CASE_STATUS_REJECTED,
  };
  g_autoptr(GPtrArray) employer_objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) person_objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = NULL;
  Demo demo = { 0 };

  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pd_store_is_empty (store))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_EMPTY,
                   _("The database “%s” already holds data, so no demo data was added: demo data only goes into an empty database."),
                   pd_store_get_path (store));
      return FALSE;
    }

  rand = g_rand_new_with_seed (DEMO_SEED);
  demo.rand = rand;
  g_date_clear (&demo.today, 1);
  g_date_set_time_t (&demo.today, time (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (employers); i++)
    g_ptr_array_add (employer_objects, make_employer (&employers[i]));
  for (guint i = 0; i < N_PEOPLE; i++)
    g_ptr_array_add (person_objects, make_person (&demo, &people[i]));

  /* Kinds cycle by 6 and statuses by 10, so every kind and every status occurs. */
  for (guint i = 0; i < N_PEOPLE; i++)
    g_ptr_array_add (cases, make_case (&demo, person_objects->pdata[i],
                                       employer_objects->pdata[i % G_N_ELEMENTS (employers)],
                                       &employers[i % G_N_ELEMENTS (employers)],
                                       i % 6, i % 10));

  for (guint i = 0; i < N_SECOND_CASES; i++)
    g_ptr_array_add (cases, make_case (&demo, person_objects->pdata[i],
                                       employer_objects->pdata[i % G_N_ELEMENTS (employers)],
                                       &employers[i % G_N_ELEMENTS (employers)],
                                       PD_CASE_KIND_RESIDENCE_PERMIT, second_statuses[i]));

  return pd_store_save_cases (store, (PdCase **) cases->pdata, cases->len, error);
}
