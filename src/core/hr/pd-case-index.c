/* pd-case-index.c: what the HR views need of each case, computed once and cached
 *
 * Searching, sorting and filtering 100,000 cases has to take a few milliseconds,
 * so nothing is computed per keystroke: each case carries a summary (search key,
 * collation key, next deadline from its checklist, completeness, flags) in its
 * cache slot. A summary is valid while the case's change stamp is the one it saw
 * (every save changes the case); a new day or new rules make every summary
 * stale at once.
 *
 * A summary comes in two steps. The basic summary is read from the case, its
 * person and permit alone: search key, collation key, the sort fields, the
 * case's own deadline. Completing it reads the case's documents and filings
 * from the database and evaluates its checklist (deadlines, completeness,
 * filings due): three quarters of the cost. A search or a sort by a column of
 * text needs only basic summaries, so a search typed the moment the window
 * opens does not wait for 100,000 checklists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-hr"

#include "config.h"

#include <string.h>

#include "pd-case-index.h"
#include "pd-model-private.h"
#include "pd-pinyin.h"

struct _PdCaseIndex
{
  GObject  parent_instance;

  PdRules *rules;
  GDate    today;
  guint    serial;      /* tells summaries of this index from those of another */
  guint    generation;  /* bumped when the day or the rules change */
  guint    n_computed;  /* summaries computed so far: tells when any changed */
};

typedef struct {
  PdCaseSummary summary;
  char         *strings;     /* every string of the summary, one block */
  guint         serial;
  guint         generation;
  guint         stamp;
  gboolean      complete;    /* the checklist's part is there too */
} Entry;

G_DEFINE_FINAL_TYPE (PdCaseIndex, pd_case_index, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Summaries an index made over those of another index (two windows over the
 * same cases): pd_case_index_get_generation() moves with it. */
static guint n_taken_over;

/* Rules keys of the document kinds the model and the demo data use. */
static const struct { const char *kind; const char *key; } document_keys[] = {
  { "non-criminal-record", "non-criminal" },
  { "medical-report", "medical" },
  { "employment-contract", "contract" },
  { "termination-letter", "termination-proof" },
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->strings);
  g_free (entry);
}

static void
pd_case_index_finalize (GObject *object)
{
  PdCaseIndex *self = (PdCaseIndex *) object;

  g_clear_object (&self->rules);

  G_OBJECT_CLASS (pd_case_index_parent_class)->finalize (object);
}

static void
pd_case_index_class_init (PdCaseIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_case_index_finalize;

  /* Every summary is stale: a new day began, or new rules came (from the
   * portal) while the app runs. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
on_rules_changed_cb (PdCaseIndex *self)
{
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
pd_case_index_init (PdCaseIndex *self)
{
  static guint n_indexes;

  self->serial = ++n_indexes;
  g_date_clear (&self->today, 1);
  g_date_set_time_t (&self->today, time (NULL));
}

/* @rules may be NULL: then deadlines and flags come from the cases alone. */
PdCaseIndex *
pd_case_index_new (PdRules *rules)
{
  PdCaseIndex *self;

  g_return_val_if_fail (rules == NULL || PD_IS_RULES (rules), NULL);

  self = g_object_new (PD_TYPE_CASE_INDEX, NULL);
  if (rules != NULL && pd_rules_is_loaded (rules))
    {
      self->rules = g_object_ref (rules);
      g_signal_connect_object (rules, "changed", G_CALLBACK (on_rules_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  return self;
}

PdRules *
pd_case_index_get_rules (PdCaseIndex *self)
{
  g_return_val_if_fail (PD_IS_CASE_INDEX (self), NULL);

  return self->rules;
}

const GDate *
pd_case_index_get_today (PdCaseIndex *self)
{
  g_return_val_if_fail (PD_IS_CASE_INDEX (self), NULL);

  return &self->today;
}

void
pd_case_index_set_today (PdCaseIndex *self,
                         const GDate *today)
{
  g_return_if_fail (PD_IS_CASE_INDEX (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_compare (&self->today, today) == 0)
    return;

  self->today = *today;
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Changes when summaries became stale without their cases changing: a new
 * day or new rules (all of them), or another index summarizing the same
 * cases (those it summarized). */
guint
pd_case_index_get_generation (PdCaseIndex *self)
{
  g_return_val_if_fail (PD_IS_CASE_INDEX (self), 0);

  return self->generation + n_taken_over;
}

/* Days from @today to @date: negative when past. */
int
pd_case_days_until (const GDate *date,
                    const GDate *today)
{
  g_return_val_if_fail (date != NULL && today != NULL, 0);

  return g_date_days_between (today, date);
}

static const char *
rules_city_id (PdRules    *rules,
               const char *city)
{
  if (city == NULL)
    return NULL;

  for (guint i = 0; i < pd_rules_get_n_cities (rules); i++)
    if (g_ascii_strcasecmp (pd_rules_get_city_id (rules, i), city) == 0 ||
        g_strcmp0 (pd_rules_get_city_name (rules, i), city) == 0)
      return pd_rules_get_city_id (rules, i);

  return NULL;
}

static const char *
document_key (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (document_keys); i++)
    if (g_strcmp0 (document_keys[i].kind, kind) == 0)
      return document_keys[i].key;

  return kind;
}

static PdAuthFlags
document_auth (PdDocument *document)
{
  PdAuthFlags flags = PD_AUTH_ORIGINAL;

  switch (pd_document_get_authentication (document))
    {
    case PD_DOCUMENT_AUTH_APOSTILLE:
      return flags | PD_AUTH_APOSTILLE;
    case PD_DOCUMENT_AUTH_LEGALISED:
      return flags | PD_AUTH_LEGALISATION;
    case PD_DOCUMENT_AUTH_TRANSLATED:
      return flags | PD_AUTH_TRANSLATION;
    case PD_DOCUMENT_AUTH_NONE:
    default:
      return flags;
    }
}

static void
provide_documents (PdChecklistQuery *query,
                   PdCase           *item)
{
  GListModel *documents = pd_case_get_documents (item);
  guint n_documents = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);
      PdDocumentState state = pd_document_get_state (document);
      PdProvidedDocument *provided;

      if (pd_document_get_kind (document) == NULL ||
          (state != PD_DOCUMENT_STATE_PROVIDED && state != PD_DOCUMENT_STATE_VERIFIED &&
           state != PD_DOCUMENT_STATE_EXPIRED))
        continue;

      provided = pd_checklist_query_provide (query, document_key (pd_document_get_kind (document)));
      provided->auth = document_auth (document);
      if (pd_document_get_expires_on (document) != NULL)
        provided->expires = *pd_document_get_expires_on (document);
      provided->file = g_strdup (pd_document_get_file_path (document));
      provided->sha256 = g_strdup (pd_document_get_sha256 (document));
    }
}

/* The questions of the checklist, answered from what the case knows. */
PdChecklistQuery *
pd_case_make_checklist_query (PdCase      *item,
                              PdRules     *rules,
                              const GDate *today)
{
  PdPerson *person;
  PdPermit *permit;
  PdChecklistQuery *query;

  g_return_val_if_fail (PD_IS_CASE (item), NULL);
  g_return_val_if_fail (PD_IS_RULES (rules), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  person = pd_case_get_person (item);
  permit = pd_case_get_permit (item);
  query = pd_checklist_query_new (pd_case_get_kind (item));
  query->city = g_strdup (rules_city_id (rules, pd_case_get_city (item)));
  query->category = pd_case_get_category (item);
  query->nationality = g_strdup (pd_person_get_nationality (person));
  query->in_china = pd_case_get_kind (item) != PD_CASE_KIND_NEW_PERMIT;
  query->legacy_card = pd_case_get_legacy_card (item);
  if (permit != NULL && pd_permit_get_valid_until (permit) != NULL)
    query->valid_until = *pd_permit_get_valid_until (permit);
  if (pd_person_get_date_of_birth (person) != NULL)
    pd_checklist_query_set_birth_date (query, pd_person_get_date_of_birth (person), today);
  provide_documents (query, item);

  return query;
}

PdChecklist *
pd_case_index_make_checklist (PdCaseIndex *self,
                              PdCase      *item)
{
  g_autoptr(PdChecklistQuery) query = NULL;

  g_return_val_if_fail (PD_IS_CASE_INDEX (self), NULL);
  g_return_val_if_fail (PD_IS_CASE (item), NULL);

  if (self->rules == NULL)
    return NULL;

  query = pd_case_make_checklist_query (item, self->rules, &self->today);
  return pd_rules_make_checklist (self->rules, query, &self->today);
}

static void
append_field (GString    *key,
              const char *text)
{
  if (text == NULL || *text == '\0')
    return;

  pd_search_fold_append (key, text);
  g_string_append_c (key, '\n');
}

static char *
make_search_key (PdCase *item)
{
  PdPerson *person = pd_case_get_person (item);
  PdPermit *permit = pd_case_get_permit (item);
  PdEmployer *employer = pd_case_get_employer (item);
  GString *key = g_string_sized_new (128);
  g_autoptr(GString) full = g_string_new (NULL);
  g_autoptr(GString) initials = g_string_new (NULL);

  append_field (key, pd_person_get_name_latin (person));
  append_field (key, pd_person_get_name_zh (person));
  if (pd_pinyin_append (pd_person_get_name_zh (person), full, initials))
    {
      g_string_append_printf (key, "%s\n%s\n", full->str, initials->str);
    }
  append_field (key, pd_person_get_passport_number (person));
  if (permit != NULL)
    append_field (key, pd_permit_get_number (permit));
  append_field (key, pd_case_get_city (item));
  /* 上海 finds the cases typed "Shanghai" when the user reads Chinese. */
  if (pd_case_get_city (item) != NULL &&
      g_ascii_strcasecmp (pd_city_to_label (pd_case_get_city (item)), pd_case_get_city (item)) != 0)
    append_field (key, pd_city_to_label (pd_case_get_city (item)));
  if (employer != NULL)
    {
      append_field (key, pd_employer_get_name (employer));
      append_field (key, pd_employer_get_name_en (employer));
    }

  return g_string_free (key, FALSE);
}

static gboolean
is_open (PdCaseStatus status)
{
  return status != PD_CASE_STATUS_COMPLETED && status != PD_CASE_STATUS_WITHDRAWN &&
         status != PD_CASE_STATUS_REJECTED;
}

static gboolean
has_pending_filing (PdCase *item)
{
  GListModel *filings = pd_case_get_filings (item);
  guint n_filings = g_list_model_get_n_items (filings);

  for (guint i = 0; i < n_filings; i++)
    {
      g_autoptr(PdFiling) filing = g_list_model_get_item (filings, i);

      if (!pd_filing_get_done (filing))
        return TRUE;
    }

  return FALSE;
}

static void
take_earlier (GDate       *slot,
              const GDate *date)
{
  if (date != NULL && g_date_valid (date) && (!g_date_valid (slot) || g_date_compare (date, slot) < 0))
    *slot = *date;
}

/* The deadline of the case itself and the deadlines of its checklist: "from"
 * dates (a window that opens) are not deadlines. */
static void
summarize_checklist (PdCaseIndex *self,
                     PdCase      *item,
                     Entry       *entry)
{
  g_autoptr(PdChecklist) checklist = pd_case_index_make_checklist (self, item);

  if (checklist == NULL)
    return;

  entry->summary.completeness = (int) (pd_checklist_get_completeness (checklist) * 100.0 + 0.5);
  if (!entry->summary.open)
    return;

  for (guint i = 0; i < pd_checklist_get_n_deadlines (checklist); i++)
    {
      const PdDeadline *deadline = pd_checklist_get_deadline (checklist, i);

      if (!deadline->window_start)
        take_earlier (&entry->summary.next_deadline, &deadline->date);
    }
}

/* When the portal last acknowledged the case: the sync engine's synced-at when
 * the model has it, else the last save of a case the portal gave a version. */
static gint64
synced_time (PdCase *item)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), "synced-at");
  g_autoptr(GDateTime) synced = NULL;

  if (pspec != NULL && pspec->value_type == G_TYPE_DATE_TIME)
    g_object_get (item, "synced-at", &synced, NULL);
  else if (pd_case_get_version (item) > 0)
    synced = g_date_time_ref (pd_case_get_updated_at (item));

  return synced != NULL ? g_date_time_to_unix (synced) * G_USEC_PER_SEC + g_date_time_get_microsecond (synced) : 0;
}

/* The keys, city (and its key), nationality and permit number copied into one allocation
 * (one instead of three saves 5 MB over 100,000 cases): the summary must not
 * point into objects that may change before it is recomputed. */
static void
copy_strings (PdCase     *item,
              Entry      *entry,
              const char *search_key,
              const char *name_key)
{
  PdPermit *permit = pd_case_get_permit (item);
  g_autofree char *city_key = pd_case_get_city (item) ? pd_city_dup_key (pd_case_get_city (item)) : NULL;
  const char *fields[6] = {
    search_key,
    name_key,
    pd_case_get_city (item),
    city_key,
    pd_person_get_nationality (pd_case_get_person (item)),
    permit ? pd_permit_get_number (permit) : NULL,
  };
  const char **slots[6] = {
    &entry->summary.search_key, &entry->summary.name_key,
    &entry->summary.city, &entry->summary.city_key,
    &entry->summary.nationality, &entry->summary.permit_number,
  };
  gsize size = 0;
  char *p;

  for (guint i = 0; i < 6; i++)
    size += fields[i] ? strlen (fields[i]) + 1 : 0;
  g_free (entry->strings);
  entry->strings = p = g_malloc (MAX (size, 1));
  for (guint i = 0; i < 6; i++)
    {
      *slots[i] = fields[i] ? p : NULL;
      if (fields[i] != NULL)
        p = g_stpcpy (p, fields[i]) + 1;
    }
}

static void
copy_sort_fields (PdCase *item,
                  Entry  *entry)
{
  PdPermit *permit = pd_case_get_permit (item);

  entry->summary.kind = pd_case_get_kind (item);
  entry->summary.status = pd_case_get_status (item);
  entry->summary.permit_expiry = permit && pd_permit_get_valid_until (permit)
                                 ? g_date_get_julian (pd_permit_get_valid_until (permit)) : 0;
  entry->summary.synced = synced_time (item);
}

/* The basic summary: what the case, its person and its permit tell. */
static void
summarize_basic (PdCaseIndex *self,
                 PdCase      *item,
                 Entry       *entry)
{
  PdCaseStatus status = pd_case_get_status (item);
  g_autofree char *name = pd_person_dup_display_name (pd_case_get_person (item));
  g_autofree char *search_key = make_search_key (item);
  g_autofree char *name_key = g_utf8_collate_key (name, -1);

  memset (&entry->summary, 0, sizeof entry->summary);
  copy_strings (item, entry, search_key, name_key);
  entry->summary.completeness = -1;
  entry->summary.open = is_open (status);
  g_date_clear (&entry->summary.next_deadline, 1);
  if (entry->summary.open)
    take_earlier (&entry->summary.next_deadline, pd_case_get_next_deadline (item));
  copy_sort_fields (item, entry);

  entry->summary.awaiting_filing = entry->summary.open && status == PD_CASE_STATUS_FILING_REQUIRED;
  entry->summary.legacy_to_upgrade = pd_case_get_legacy_card (item) &&
    !(pd_case_get_kind (item) == PD_CASE_KIND_ESSC_UPGRADE &&
      (status == PD_CASE_STATUS_APPROVED || status == PD_CASE_STATUS_COMPLETED));

  entry->serial = self->serial;
  entry->generation = self->generation;
  entry->stamp = pd_case_get_stamp (item);
  entry->complete = FALSE;
  g_atomic_int_inc (&self->n_computed);
}

/* Completes a basic summary from the case's documents, filings and checklist. */
static void
complete (PdCaseIndex *self,
          PdCase      *item,
          Entry       *entry)
{
  gboolean lists_loaded = pd_case_lists_loaded (item);

  summarize_checklist (self, item, entry);
  entry->summary.awaiting_filing = entry->summary.open &&
    (entry->summary.status == PD_CASE_STATUS_FILING_REQUIRED || has_pending_filing (item));
  entry->complete = TRUE;
  self->n_computed++;

  /* Read for the summary alone: 100,000 cases' documents would stay in memory. */
  if (!lists_loaded)
    pd_case_unload_lists (item);
}

/* The entry of @item with at least a basic summary that is current. */
static Entry *
ensure_basic (PdCaseIndex *self,
              PdCase      *item)
{
  guint stamp;
  Entry *entry = pd_case_peek_cache (item, &stamp);

  if (G_UNLIKELY (entry == NULL))
    {
      entry = g_new0 (Entry, 1);
      pd_case_set_cache (item, entry, entry_free);
      summarize_basic (self, item, entry);
    }
  else if (G_UNLIKELY (entry->stamp != stamp || entry->serial != self->serial ||
                       entry->generation != self->generation))
    {
      if (entry->serial != self->serial)
        g_atomic_int_inc (&n_taken_over);
      summarize_basic (self, item, entry);
    }

  return entry;
}

typedef struct {
  PdCaseIndex   *index;
  PdCase *const *items;
  guint          n_items;
} BasicChunk;

static gpointer
basic_chunk_thread (gpointer data)
{
  BasicChunk *chunk = data;

  for (guint i = 0; i < chunk->n_items; i++)
    ensure_basic (chunk->index, chunk->items[i]);
  return NULL;
}

/**
 * pd_case_index_ensure_basic:
 * @items: the cases
 * @n_items: how many
 *
 * Makes the basic summaries of @items current, on two cores when there are
 * many: a search typed before the idle warm-up finished waits for them. The
 * second thread only reads the cases while this one waits for it (the cases
 * are changed on this thread alone), and each writes the summaries of its own
 * half.
 */
void
pd_case_index_ensure_basic (PdCaseIndex   *self,
                            PdCase *const *items,
                            guint          n_items)
{
  BasicChunk second;
  GThread *thread;
  guint half = n_items / 2;

  g_return_if_fail (PD_IS_CASE_INDEX (self));
  g_return_if_fail (items != NULL || n_items == 0);

  if (n_items < 10000 || g_get_num_processors () < 2)
    {
      for (guint i = 0; i < n_items; i++)
        ensure_basic (self, items[i]);
      return;
    }

  /* What the summaries look up once per process is made here, before the thread. */
  pd_city_to_label ("");
  second = (BasicChunk) { self, items + half, n_items - half };
  thread = g_thread_new ("pd-summaries", basic_chunk_thread, &second);
  for (guint i = 0; i < half; i++)
    ensure_basic (self, items[i]);
  g_thread_join (thread);
}

/* pd_case_index_get() without the type checks, for the inner loops of sorting
 * and filtering, where the checks cost more than the lookup. */
const PdCaseSummary *
pd_case_index_get_unchecked (PdCaseIndex *self,
                             PdCase      *item)
{
  Entry *entry = ensure_basic (self, item);

  if (G_UNLIKELY (!entry->complete))
    complete (self, item, entry);

  return &entry->summary;
}

/* The summary of @item with its basic fields current (see PdCaseSummary):
 * next_deadline, completeness and awaiting_filing may lack what the
 * checklist, documents and filings add. Unchecked, for inner loops. */
const PdCaseSummary *
pd_case_index_get_basic_unchecked (PdCaseIndex *self,
                                   PdCase      *item)
{
  return &ensure_basic (self, item)->summary;
}

/* The summary of @item, computed now if it is missing or out of date. It stays
 * valid until the case changes or the next call for the same case. */
const PdCaseSummary *
pd_case_index_get (PdCaseIndex *self,
                   PdCase      *item)
{
  g_return_val_if_fail (PD_IS_CASE_INDEX (self), NULL);
  g_return_val_if_fail (PD_IS_CASE (item), NULL);

  return pd_case_index_get_unchecked (self, item);
}

/* Changes whenever a summary is computed: a value saved with it is stale when
 * this no longer returns the same. */
guint
pd_case_index_get_n_computed (PdCaseIndex *self)
{
  g_return_val_if_fail (PD_IS_CASE_INDEX (self), 0);

  return self->n_computed;
}

/* Computes the summaries (@complete) or the basic summaries of @n_items cases
 * from @position on, ahead of need; returns the position after the last one
 * (the length of @cases when done). */
guint
pd_case_index_warm (PdCaseIndex *self,
                    GListModel  *cases,
                    guint        position,
                    guint        n_items,
                    gboolean     complete)
{
  guint end;

  g_return_val_if_fail (PD_IS_CASE_INDEX (self), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (cases), 0);

  end = MIN (position + n_items, g_list_model_get_n_items (cases));
  for (guint i = position; i < end; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      if (complete)
        pd_case_index_get_unchecked (self, item);
      else
        pd_case_index_get_basic_unchecked (self, item);
    }

  return end;
}
